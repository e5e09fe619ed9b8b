using InvoiceHub.Web.Infrastructure.Events;
using Npgsql;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// PostgreSQL's LISTEN/NOTIFY between nodes (docs/decisions/0022): a node sends after its commit with <c>pg_notify</c> on
/// a pooled connection, and listens on a dedicated connection of its own (not pooled, so its LISTEN never leaks into a
/// pooled session) with Npgsql's keepalive, which notices a server that went away within seconds.
/// </summary>
public sealed class PostgresNodeRelay(string connectionString) : NodeRelay
{
    private const string Channel = "invoicehub_documents";

    private readonly string _listening = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        KeepAlive = 5,
        ApplicationName = "InvoiceHub live updates",
    }.ConnectionString;

    public override async Task SendAsync(IReadOnlyList<NodeMessage> messages, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payloads", messages.Select(m => m.Encode()).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task ListenAsync(Action connected, Action<NodeMessage> received, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_listening);
        await connection.OpenAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (NodeMessage.Decode(e.Payload) is { } message)
            {
                received(message);
            }
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }
        connected();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }
}

/// <summary>PostgreSQL's fixed-window counter: <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, one statement per request.</summary>
public sealed class PostgresRequestCounter(string connectionString) : SharedRequestCounter
{
    public override async Task<int> CountAsync(string key, long window, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // SET reads the row as it was, so a new minute starts again at 1.
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RateLimitCounters" ("Key", "Window", "Count") VALUES (@key, @window, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "RateLimitCounters"."Window" = EXCLUDED."Window" THEN "RateLimitCounters"."Count" + 1 ELSE 1 END,
                "Window" = EXCLUDED."Window"
            RETURNING "Count"
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("window", window);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task<int> ForgetAsync(long before, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""DELETE FROM "RateLimitCounters" WHERE "Window" < @before""", connection);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
