using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace InvoiceHub.Bench.Data;

/// <summary>Writes generated rows straight into the migrated tables: one transaction per batch, no per-row round trip to EF.</summary>
public abstract class BulkWriter : IAsyncDisposable
{
    public abstract Task BeginAsync(CancellationToken ct);

    public abstract Task WriteAsync(BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken ct);

    public abstract Task CommitAsync(CancellationToken ct);

    public abstract Task ExecuteAsync(string sql, CancellationToken ct);

    /// <summary>After rows with explicit ids: PostgreSQL's identity sequences do not move by themselves (SQLite's rowids do).</summary>
    public virtual Task MoveSequencesAsync(IEnumerable<BulkTable> tables) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    public static async Task<BulkWriter> OpenAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }
        return connection switch
        {
            SqliteConnection sqlite => new SqliteBulkWriter(sqlite),
            NpgsqlConnection npgsql => new PostgresBulkWriter(npgsql),
            _ => throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}."),
        };
    }
}

/// <summary>Prepared INSERTs reused for every row of a batch, inside one transaction.</summary>
internal sealed class SqliteBulkWriter(SqliteConnection connection) : BulkWriter
{
    // The app stores DateTimeOffset as ticks on SQLite (InvoiceHubDbContext.ConfigureConventions); the same converter here.
    private static readonly DateTimeOffsetToBinaryConverter Instant = new();
    private readonly Dictionary<BulkTable, SqliteCommand> _commands = [];
    private SqliteTransaction? _transaction;

    public override async Task BeginAsync(CancellationToken ct)
    {
        _transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        foreach (var command in _commands.Values)
        {
            command.Transaction = _transaction;
        }
    }

    public override async Task WriteAsync(BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var command = Command(table);
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateTimeOffset instant => Instant.ConvertToProvider(instant),
                    var value => value,
                };
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private SqliteCommand Command(BulkTable table)
    {
        if (!_commands.TryGetValue(table, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
                                  $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < table.Columns.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            }
            command.Prepare();
            _commands[table] = command;
        }
        return command;
    }

    public override async Task CommitAsync(CancellationToken ct)
    {
        await _transaction!.CommitAsync(ct);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public override async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }
    }
}

/// <summary>Binary COPY per table and batch, inside one transaction.</summary>
internal sealed class PostgresBulkWriter(NpgsqlConnection connection) : BulkWriter
{
    private NpgsqlTransaction? _transaction;

    public override async Task BeginAsync(CancellationToken ct) => _transaction = await connection.BeginTransactionAsync(ct);

    public override async Task WriteAsync(BulkTable table, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                await (value switch
                {
                    null => importer.WriteNullAsync(ct),
                    int v => importer.WriteAsync(v, NpgsqlDbType.Integer, ct),
                    long v => importer.WriteAsync(v, NpgsqlDbType.Bigint, ct),
                    bool v => importer.WriteAsync(v, NpgsqlDbType.Boolean, ct),
                    decimal v => importer.WriteAsync(v, NpgsqlDbType.Numeric, ct),
                    string v => importer.WriteAsync(v, NpgsqlDbType.Varchar, ct),
                    DateOnly v => importer.WriteAsync(v, NpgsqlDbType.Date, ct),
                    DateTimeOffset v => importer.WriteAsync(v.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct),
                    _ => throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}."),
                });
            }
        }
        await importer.CompleteAsync(ct);
    }

    public override async Task CommitAsync(CancellationToken ct)
    {
        await _transaction!.CommitAsync(ct);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public override async Task MoveSequencesAsync(IEnumerable<BulkTable> tables)
    {
        foreach (var table in tables)
        {
            await ExecuteAsync($"""SELECT setval(pg_get_serial_sequence('"{table.Name}"', 'Id'), (SELECT MAX("Id") FROM "{table.Name}"))""", CancellationToken.None);
        }
    }

    public override async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, _transaction);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }
    }
}
