using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// <c>PRAGMA synchronous</c> belongs to a connection, not to the file, so it is set when EF first opens each
/// physical connection (the pool hands it out again with the setting kept). With the default FULL every commit waits
/// for an fsync — about 10 ms on our servers' disks, which capped money operations near 100 a second.
/// </summary>
internal sealed class SqliteSynchronousInterceptor : DbConnectionInterceptor
{
    private static readonly SqliteSynchronousInterceptor NormalMode = new(SqliteSynchronous.Normal);
    private static readonly SqliteSynchronousInterceptor FullMode = new(SqliteSynchronous.Full);
    private static readonly object Marker = new();
    private readonly string _pragma;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _set = [];

    private SqliteSynchronousInterceptor(SqliteSynchronous mode) =>
        _pragma = $"PRAGMA synchronous={(int)mode};";

    public static SqliteSynchronousInterceptor For(SqliteSynchronous mode) => mode == SqliteSynchronous.Full ? FullMode : NormalMode;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpening(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpening(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Whether this physical connection (SQLite's handle, which the pool hands out again) has not been set yet. The
    /// handle is only weakly held, so a connection the pool closes takes its entry with it.
    /// </summary>
    private bool FirstOpening(DbConnection connection)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
        {
            return true;
        }
        lock (_set)
        {
            return _set.TryAdd(handle, Marker);
        }
    }
}
