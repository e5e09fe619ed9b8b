using System.Data.Common;
using Npgsql;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Npgsql keeps an explicitly prepared statement on the pooled physical connection, so a pooled connection and
/// <c>Prepare</c> are all it takes.
/// </summary>
internal sealed class PostgresPreparedReads(string connectionString) : PreparedReads
{
    public override async Task<T> QueryAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        // Prepared once per physical connection: Npgsql recognises the SQL on the next command and skips the round trip.
        await command.PrepareAsync(cancellationToken);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        return await read(rows, cancellationToken);
    }
}
