using System.Data.Common;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Prepared reads for servers whose driver pools physical connections and keeps a statement's plan with them:
/// Npgsql keeps an explicitly prepared statement on the pooled connection and recognises the SQL on the next command
/// (<paramref name="prepare"/>); SQL Server keeps the plan of a parameterised statement in its plan cache and finds it
/// again by its text, where SqlClient's <c>Prepare</c> would only add a round trip. A pooled connection and the same SQL
/// with the same parameter names are all either needs.
/// </summary>
internal sealed class PooledPreparedReads(Func<DbConnection> connect, bool prepare) : PreparedReads
{
    public override async Task<T> QueryAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        await using var connection = connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        if (prepare)
        {
            await command.PrepareAsync(cancellationToken);
        }
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        return await read(rows, cancellationToken);
    }
}
