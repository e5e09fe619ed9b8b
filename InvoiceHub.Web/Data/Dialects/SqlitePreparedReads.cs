using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Microsoft.Data.Sqlite parses and plans the SQL of every new command again (a statement cache is an open request,
/// dotnet/efcore#14044), which cost the dashboard more than running its query; so this keeps a few read-only
/// connections of its own open, each with its statements prepared.
/// </summary>
internal sealed class SqlitePreparedReads : PreparedReads
{
    /// <summary>Idle SQLite connections kept at most; more readers at once open extra ones and close them after.</summary>
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteReader> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public SqlitePreparedReads(string connectionString) =>
        // Read-only: nothing written through here by mistake. Not pooled by the driver: these connections are the pool.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    public override async Task<T> QueryAsync<T>(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
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

    public override void Dispose()
    {
        _disposed = true;
        Drain();
        base.Dispose();
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
