using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// SQL Server: a server several nodes share, like PostgreSQL. Money transactions lock the client row first; the
/// invoice counter is incremented with <c>OUTPUT</c>; deadlock victims (1205) and unique-key races (2601, 2627) are
/// conflicts worth another attempt; a lock wait past <c>Database:SqlServerLockTimeout</c> (1222) is "busy".
/// </summary>
public sealed class SqlServerDialect : DatabaseDialect
{
    public static readonly SqlServerDialect Instance = new();

    private const int Deadlock = 1205, LockTimeout = 1222, UniqueIndex = 2601, UniqueConstraint = 2627;

    private SqlServerDialect()
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override bool LocksRows => true;

    public override string ResolveConnectionString(string? configured, string contentRoot, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:InvoiceHub is empty.")
            : configured;

    // No EnableRetryOnFailure: MoneyTransaction retries whole operations itself, and EF's execution strategy refuses
    // transactions the caller opens.
    protected override void UseProvider(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options)
    {
        db.UseSqlServer(connectionString);
        db.AddInterceptors(new SqlServerLockTimeoutInterceptor(options.SqlServerLockTimeout));
    }

    /// <summary>
    /// <c>sp_getapplock</c> owned by the session (not the transaction) on a connection of its own, as PostgreSQL's
    /// advisory lock: held until released or until the node's connection dies, so a killed node never blocks the next run.
    /// </summary>
    public override async Task<IAsyncDisposable> HoldLockAsync(string connectionString, string resource, CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = new SqlCommand("DECLARE @r int; EXEC @r = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1; IF @r < 0 THROW 51000, 'sp_getapplock refused the lock', 1;", connection))
            {
                command.Parameters.AddWithValue("@resource", resource);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return new AppLock(connection, resource);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class AppLock(SqlConnection connection, string resource) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // The connection goes back to the pool, whose session would keep the lock: give it back first.
                await using var command = new SqlCommand("EXEC sp_releaseapplock @Resource = @resource, @LockOwner = 'Session';", connection);
                command.Parameters.AddWithValue("@resource", resource);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (SqlException)
            {
                // A broken connection has lost its session, and the lock with it.
            }
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// A unique index on SQL Server counts NULLs as equal, where SQLite and PostgreSQL let any number of rows have NULL.
    /// EF adds <c>IS NOT NULL</c> to unique indexes without a filter; a filtered one (one open online payment per
    /// invoice, where a credit request's payments have no invoice) gets it here, so it refuses what it refuses elsewhere.
    /// </summary>
    public override void FinishModel(ModelBuilder model)
    {
        foreach (var index in model.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()).Where(i => i.IsUnique && i.GetFilter() is not null))
        {
            var notNull = index.Properties.Where(p => p.IsNullable).Select(p => $" AND [{p.GetColumnName()}] IS NOT NULL");
            index.SetFilter(index.GetFilter() + string.Concat(notNull));
        }
    }

    // SQL Server has no boolean type: a bit column is compared with 1.
    public override string IsTrue(string column) => $"[{column}] = 1";

    public override InvoiceHubDbContext CreateMigrationsContext(DbContextOptions options) => new Migrations.SqlServerMigrationsContext(options);

    /// <summary>
    /// UPDLOCK, ROWLOCK rather than <c>sp_getapplock</c>: the lock sits on the client's row itself, so it is the same
    /// lock, in the same order (client, then counter), that PostgreSQL's <c>FOR UPDATE</c> takes, and any writer of that
    /// row waits for it, whether or not it asks for an application lock. UPDLOCK is held to the end of the transaction
    /// (also under READ COMMITTED SNAPSHOT, where it reads the latest committed row); ROWLOCK keeps it off the page, so
    /// other clients' operations do not wait. HOLDLOCK would add a key-range lock, which a primary-key seek on an
    /// existing row does not need.
    /// </summary>
    public override async Task LockClientAsync(InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM [Clients] WITH (UPDLOCK, ROWLOCK) WHERE [Id] = {clientId}", cancellationToken);

    public override Infrastructure.Events.NodeRelay CreateNodeRelay(string connectionString) => new SqlServerNodeRelay(connectionString);

    public override SharedRequestCounter CreateRequestCounter(string connectionString) => new SqlServerRequestCounter(connectionString);

    // The UPDATE holds an exclusive lock on the counter row until commit, so a concurrent issue waits for this number
    // to commit or roll back: numbers stay gapless. OUTPUT is SQL Server's RETURNING.
    public override async Task<int?> IncrementCounterAsync(InvoiceHubDbContext db, string counterTable, int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>(
                InvoiceNumbering.CounterSql("UPDATE [{table}] SET [LastNumber] = [LastNumber] + 1 OUTPUT inserted.[LastNumber] AS [Value] WHERE [Year] = {0}", counterTable), year)
            .ToListAsync(cancellationToken)) is [var number] ? number : null;

    public override string FirstRows(int rows) => $"OFFSET 0 ROWS FETCH NEXT {rows} ROWS ONLY";

    public override DateTimeOffset ReadInstant(DbDataReader rows, int ordinal) => rows.GetFieldValue<DateTimeOffset>(ordinal);

    public override PreparedReads CreatePreparedReads(string connectionString) =>
        new PooledPreparedReads(() => new SqlConnection(connectionString), prepare: false);

    protected override bool IsConflict(Exception driverError) =>
        driverError is SqlException { Number: Deadlock or UniqueIndex or UniqueConstraint };

    protected override bool IsBusy(Exception driverError) => driverError is SqlException { Number: LockTimeout };
}
