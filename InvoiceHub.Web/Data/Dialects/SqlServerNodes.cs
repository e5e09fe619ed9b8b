using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.Data.SqlClient;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// SQL Server's nodes pass changes through the <c>NodeChanges</c> table (docs/decisions/0022): a node inserts after its
/// commit, every node polls for new rows. Identity values can commit out of order, so a poll looks back a few seconds
/// by time and remembers what it delivered, rather than trusting "Id greater than the last one". Rows older than a
/// few minutes are deleted by whichever node polls. No SQL Server runs on our machines: this path is not tested here.
/// </summary>
public sealed class SqlServerNodeRelay(string connectionString) : NodeRelay
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    public override async Task SendAsync(IReadOnlyList<NodeMessage> messages, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var message in messages)
        {
            await using var command = new SqlCommand(
                "INSERT INTO [NodeChanges] ([Origin], [Kind], [DocumentId], [ClientId], [CreatedAt]) VALUES (@origin, @kind, @id, @client, SYSDATETIMEOFFSET())",
                connection);
            command.Parameters.AddWithValue("origin", message.Origin);
            command.Parameters.AddWithValue("kind", (int)message.Change.Kind);
            command.Parameters.AddWithValue("id", message.Change.Id);
            command.Parameters.AddWithValue("client", message.Change.ClientId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override async Task ListenAsync(Action connected, Action<NodeMessage> received, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var delivered = new Dictionary<long, DateTimeOffset>();
        var since = await ScalarAsync<DateTimeOffset>(connection, "SELECT SYSDATETIMEOFFSET()", cancellationToken);
        connected();
        var lastCleanUp = since;
        while (true)
        {
            var now = await ScalarAsync<DateTimeOffset>(connection, "SELECT SYSDATETIMEOFFSET()", cancellationToken);
            await using (var command = new SqlCommand(
                             "SELECT [Id], [Origin], [Kind], [DocumentId], [ClientId], [CreatedAt] FROM [NodeChanges] WHERE [CreatedAt] >= @from ORDER BY [Id]", connection))
            {
                command.Parameters.AddWithValue("from", since > now - LookBack ? since : now - LookBack);
                await using var rows = await command.ExecuteReaderAsync(cancellationToken);
                while (await rows.ReadAsync(cancellationToken))
                {
                    if (delivered.TryAdd(rows.GetInt64(0), rows.GetDateTimeOffset(5)))
                    {
                        received(new NodeMessage(rows.GetString(1), new DocumentChanged((DocumentKind)rows.GetInt32(2), rows.GetInt32(3), rows.GetInt32(4))));
                    }
                }
            }
            foreach (var old in delivered.Where(d => d.Value < now - LookBack - LookBack).Select(d => d.Key).ToList())
            {
                delivered.Remove(old);
            }
            if (now - lastCleanUp > Keep)
            {
                await using var cleanUp = new SqlCommand("DELETE FROM [NodeChanges] WHERE [CreatedAt] < @before", connection);
                cleanUp.Parameters.AddWithValue("before", now - Keep);
                await cleanUp.ExecuteNonQueryAsync(cancellationToken);
                lastCleanUp = now;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task<T> ScalarAsync<T>(SqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>SQL Server's fixed-window counter: one <c>MERGE … WITH (HOLDLOCK)</c> per request, so two nodes never both insert.</summary>
public sealed class SqlServerRequestCounter(string connectionString) : SharedRequestCounter
{
    public override async Task<int> CountAsync(string key, long window, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand("""
            MERGE [RateLimitCounters] WITH (HOLDLOCK) AS t
            USING (SELECT @key AS [Key], @window AS [Window]) AS s ON t.[Key] = s.[Key]
            WHEN MATCHED THEN UPDATE SET [Count] = CASE WHEN t.[Window] = s.[Window] THEN t.[Count] + 1 ELSE 1 END, [Window] = s.[Window]
            WHEN NOT MATCHED THEN INSERT ([Key], [Window], [Count]) VALUES (s.[Key], s.[Window], 1)
            OUTPUT inserted.[Count];
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("window", window);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task<int> ForgetAsync(long before, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand("DELETE FROM [RateLimitCounters] WHERE [Window] < @before", connection);
        command.Parameters.AddWithValue("before", before);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
