using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvoiceHub.Web.Data;

/// <summary>
/// <c>PRAGMA synchronous</c> belongs to a connection, not to the file, so it is set each time EF opens one
/// (pooled connections included; the pragma costs microseconds). With the default FULL every commit waits
/// for an fsync — about 10 ms on our servers' disks, which capped money operations near 100 a second.
/// </summary>
internal sealed class SqliteSynchronousInterceptor : DbConnectionInterceptor
{
    private static readonly SqliteSynchronousInterceptor NormalMode = new(SqliteSynchronous.Normal);
    private static readonly SqliteSynchronousInterceptor FullMode = new(SqliteSynchronous.Full);
    private readonly string _pragma;

    private SqliteSynchronousInterceptor(SqliteSynchronous mode) =>
        _pragma = $"PRAGMA synchronous={(int)mode};";

    public static SqliteSynchronousInterceptor For(SqliteSynchronous mode) => mode == SqliteSynchronous.Full ? FullMode : NormalMode;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
