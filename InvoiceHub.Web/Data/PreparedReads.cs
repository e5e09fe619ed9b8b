using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Hand-written read queries on statements prepared once and kept, for the pages every client opens (the dashboard).
/// Microsoft.Data.Sqlite parses and plans the SQL of every new command again (a statement cache is an open request,
/// dotnet/efcore#14044), which cost the dashboard more than running its query; so on SQLite this keeps a few read-only
/// connections of its own open, each with its statements prepared. On PostgreSQL Npgsql keeps an explicitly prepared
/// statement on the pooled physical connection, so a pooled connection and <c>Prepare</c> do the same. docs/decisions/0014.
/// </summary>
public sealed class PreparedReads : IDisposable
{
    /// <summary>Idle SQLite connections kept at most; more readers at once open extra ones and close them after.</summary>
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteReader> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public PreparedReads(DatabaseProvider provider, string connectionString)
    {
        _provider = provider;
        _connectionString = provider == DatabaseProvider.Postgres
            ? connectionString
            // Read-only: nothing written through here by mistake. Not pooled by the driver: these connections are the pool.
            : new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
    }

    /// <summary>Runs <paramref name="sql"/> with the parameters (the same names every time for the same SQL) and reads its rows.</summary>
    public Task<T> QueryAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default) =>
        _provider == DatabaseProvider.Postgres
            ? QueryPostgresAsync(sql, parameters, read, cancellationToken)
            : QuerySqliteAsync(sql, parameters, read, cancellationToken);

    private async Task<T> QuerySqliteAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Rent();
        var reusable = false;
        try
        {
            var command = reader.Command(sql, parameters);
            T result;
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(rows, cancellationToken);
            }
            reusable = true;
            return result;
        }
        finally
        {
            // A connection that failed mid-read is closed rather than handed to the next page.
            if (reusable)
            {
                Return(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    private async Task<T> QueryPostgresAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
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

    private SqliteReader Rent()
    {
        if (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return new SqliteReader(connection);
    }

    private void Return(SqliteReader reader)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Add(reader);
            if (!_disposed)
            {
                return;
            }
            // Disposed meanwhile: Dispose may have drained the bag before this reader went in.
            Drain();
            return;
        }
        Interlocked.Decrement(ref _idleCount);
        reader.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    /// <summary>One open read-only connection and the statements prepared on it, used by one query at a time.</summary>
    private sealed class SqliteReader(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters)
        {
            if (_commands.TryGetValue(sql, out var command))
            {
                foreach (var (name, value) in parameters)
                {
                    command.Parameters[name].Value = value;
                }
                return command;
            }
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            command.Prepare();
            _commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }
            connection.Dispose();
        }
    }
}
