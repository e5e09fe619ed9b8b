namespace InvoiceHub.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:InvoiceHub</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>SQLite unless configured: it is the enum's first value.</summary>
    public DatabaseProvider Provider { get; set; }

    /// <summary>Apply pending migrations at start-up. On by default; a cluster may run them from one node.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>SQLite's <c>PRAGMA synchronous</c> for every connection; see docs/decisions/0007.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>
    /// How long a SQLite writer waits for another connection's write lock before the operation gives up and the
    /// user is told to try again (API: 503 with Retry-After).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQL Server's <c>SET LOCK_TIMEOUT</c> for every connection: how long a statement waits for another
    /// transaction's lock before error 1222 (the busy path, API: 503). Below the 30 s command timeout, so a wait for a
    /// lock ends as "busy" rather than as a generic timeout.
    /// </summary>
    public TimeSpan SqlServerLockTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// How SQLite waits for the disk. In WAL mode both keep the database consistent after a crash; Normal syncs at
/// checkpoints instead of at every commit, so a power cut (not an app crash) may lose the last commits.
/// </summary>
public enum SqliteSynchronous
{
    Normal = 1,
    Full = 2,
}
