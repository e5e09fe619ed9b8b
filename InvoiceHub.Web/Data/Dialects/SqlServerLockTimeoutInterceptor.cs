using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// SQL Server waits for a lock forever unless the session says otherwise, and a pooled connection's reset does not
/// promise to keep the setting, so <c>SET LOCK_TIMEOUT</c> is sent at every opening. A statement that waits longer
/// fails with 1222 and the operation takes the busy path (nothing written, try again), as SQLite's busy timeout does.
/// </summary>
internal sealed class SqlServerLockTimeoutInterceptor(TimeSpan timeout) : DbConnectionInterceptor
{
    private readonly string _statement =
        "SET LOCK_TIMEOUT " + ((long)Math.Max(1, timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + ";";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _statement;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _statement;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
