using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Everything that differs between database providers: how EF connects, how values are stored,
/// the statements that are not portable, locks, pragmas and which driver errors mean "conflict, run again" or
/// "busy". The rest of the app asks the dialect (<see cref="InvoiceHubDbContext.Dialect"/> or the registered
/// singleton) instead of checking the provider; a new provider is one subclass plus its migrations
/// (docs/decisions/0015, 0019).
/// </summary>
public abstract class DatabaseDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Whether this process's writers queue at the in-process <see cref="SqliteWriteGate"/> before their
    /// transaction: true where the database has a single writer and its own wait is a poll.
    /// </summary>
    public virtual bool WritersTakeTurns => false;

    /// <summary>
    /// Whether money transactions lock the client row first (<see cref="LockClientAsync"/>), so loading a document
    /// and its client must keep the lock order: client, then document.
    /// </summary>
    public virtual bool LocksRows => false;

    /// <summary>The configured connection string checked and completed (paths, timeouts, pooling).</summary>
    public abstract string ResolveConnectionString(string? configured, string contentRoot, DatabaseOptions options);

    /// <summary>Points EF Core at the database with this dialect attached (<see cref="InvoiceHubDbContext.Dialect"/>).</summary>
    public void Configure(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options)
    {
        UseProvider(db, connectionString, options);
        ((IDbContextOptionsBuilderInfrastructure)db).AddOrUpdateExtension(new DialectOptionsExtension(this));
    }

    /// <summary><c>UseSqlite</c>, <c>UseNpgsql</c> … with this provider's interceptors.</summary>
    protected abstract void UseProvider(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options);

    /// <summary>
    /// Holds an exclusive lock named <paramref name="resource"/> until the returned handle is disposed, waiting for it
    /// when someone else holds it. It must never outlive its holder: a node that dies releases it (a job runs once
    /// at a time, and the next run after a crash must not wait for a timeout). The default serves databases that one
    /// process owns (SQLite): a lock in this process, gone with it. Shared servers override it with a session lock.
    /// </summary>
    public virtual Task<IAsyncDisposable> HoldLockAsync(string connectionString, string resource, CancellationToken cancellationToken) =>
        ProcessLocks.HoldAsync(connectionString + "|" + resource, cancellationToken);

    /// <summary>
    /// How the nodes sharing this database tell each other about committed changes (docs/decisions/0022), or null
    /// where the database has one node (SQLite): live updates then stay in the process.
    /// </summary>
    public virtual Infrastructure.Events.NodeRelay? CreateNodeRelay(string connectionString) => null;

    /// <summary>
    /// Counts requests at the public doors in the database, so a limit holds across nodes (docs/decisions/0022), or null
    /// where the database has one node (SQLite): the limits count in the process.
    /// </summary>
    public virtual SharedRequestCounter? CreateRequestCounter(string connectionString) => null;

    /// <summary>Model conventions the provider needs (e.g. how instants are stored).</summary>
    public virtual void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
    }

    /// <summary>Adjusts the finished model where the provider needs it (runs after every entity configuration).</summary>
    public virtual void FinishModel(ModelBuilder model)
    {
    }

    /// <summary>The condition of a filtered index that holds where a boolean column is true.</summary>
    public virtual string IsTrue(string column) => $"\"{column}\"";

    /// <summary>
    /// A context of this provider's own subclass, whose type EF uses to find the provider's migrations and model
    /// snapshot (<c>Data/Migrations/&lt;Provider&gt;/</c>, docs/decisions/0019).
    /// </summary>
    public abstract InvoiceHubDbContext CreateMigrationsContext(DbContextOptions options);

    /// <summary>Runs before the migrations at start-up (file settings such as the journal mode).</summary>
    public virtual Task BeforeMigrateAsync(InvoiceHubDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the migrations at start-up (planner statistics).</summary>
    public virtual Task AfterMigrateAsync(InvoiceHubDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Locks the client's row until the transaction ends, where the provider needs it (see <see cref="RowLocks"/>).</summary>
    public virtual Task LockClientAsync(InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Increments the year's counter of a number series (<paramref name="counterTable"/>, one of
    /// <see cref="InvoiceNumbering"/>'s tables) in one statement inside the caller's transaction and returns the new
    /// value, or null when the year has no counter row yet.
    /// </summary>
    public abstract Task<int?> IncrementCounterAsync(InvoiceHubDbContext db, string counterTable, int year, CancellationToken cancellationToken);

    /// <summary>The clause after <c>ORDER BY</c> that keeps the first <paramref name="rows"/> rows of hand-written SQL.</summary>
    public abstract string FirstRows(int rows);

    /// <summary>Reads an instant written by EF (see <see cref="ConfigureConventions"/>) from hand-written SQL.</summary>
    public abstract DateTimeOffset ReadInstant(DbDataReader rows, int ordinal);

    /// <summary>The kept-statement reader for the dashboard (docs/decisions/0014).</summary>
    public abstract PreparedReads CreatePreparedReads(string connectionString);

    /// <summary>A driver error of this provider that a fresh attempt can get past: serialization, deadlock, key races.</summary>
    protected abstract bool IsConflict(Exception driverError);

    /// <summary>A driver error of this provider that says the database stayed locked past the busy timeout.</summary>
    protected virtual bool IsBusy(Exception driverError) => false;

    /// <summary>
    /// Conflicts worth a fresh attempt: optimistic concurrency, or any provider's conflict. Static because callers
    /// classify exceptions without a context at hand; the providers' exception types never overlap.
    /// </summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => DatabaseRegistration.Dialects.Any(d => d.IsConflict(inner)),
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => DatabaseRegistration.Dialects.Any(d => d.IsConflict(ex)),
    };

    /// <summary>The database stayed locked past the driver's busy timeout; another attempt would only wait as long again.</summary>
    public static bool IsDatabaseBusy(Exception ex) => ex switch
    {
        DbUpdateException { InnerException: { } inner } => IsDatabaseBusy(inner),
        InvalidOperationException { InnerException: { } inner } => IsDatabaseBusy(inner),
        _ => DatabaseRegistration.Dialects.Any(d => d.IsBusy(ex)),
    };
}
