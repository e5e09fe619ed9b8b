namespace InvoiceHub.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:InvoiceHub</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. On by default; a cluster may run them from one node.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
