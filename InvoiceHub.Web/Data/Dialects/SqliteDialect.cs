using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// SQLite: one file, one writer. Writers of this process take turns at <see cref="SqliteWriteGate"/> and their
/// transactions begin IMMEDIATE, so no row locks are needed; instants are stored as ticks so that SQL can compare
/// and sort them (docs/decisions/0003); WAL and <c>PRAGMA synchronous</c> per decisions 0007 and 0012.
/// </summary>
public sealed class SqliteDialect : DatabaseDialect
{
    public static readonly SqliteDialect Instance = new();

    private static readonly Func<long, DateTimeOffset> FromTicks = new DateTimeOffsetToBinaryConverter().ConvertFromProviderTyped;

    private SqliteDialect()
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool WritersTakeTurns => true;

    public override string ResolveConnectionString(string? configured, string contentRoot, DatabaseOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/invoicehub.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers wait for each other instead of failing at once with "database is locked".
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds));
        builder.Pooling = true;
        return builder.ToString();
    }

    protected override void UseProvider(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options)
    {
        db.UseSqlite(connectionString);
        db.AddInterceptors(SqliteSynchronousInterceptor.For(options.SqliteSynchronous));
    }

    public override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite cannot compare or sort DateTimeOffset stored as text; as ticks it can (docs/decisions/0003).
        conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    public override async Task BeforeMigrateAsync(InvoiceHubDbContext db, CancellationToken cancellationToken) =>
        // WAL lets readers work while one writer commits; it is a property of the file, so set it once here.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    /// <summary>
    /// SQLite plans without statistics until ANALYZE has run, and then guesses that every index equality is
    /// selective: the staff list's status filter would walk most invoices in due-date order instead of starting
    /// from the few clients a search matches. <c>PRAGMA optimize</c> (0x10000: every table, as SQLite
    /// recommends at start-up) analyses the tables whose statistics are missing or stale, sampling at most
    /// <c>analysis_limit</c> rows per index so that it stays quick on large databases.
    /// </summary>
    public override async Task AfterMigrateAsync(InvoiceHubDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // RETURNING needs SQLite 3.35; the writer holds the whole file until commit, so the counter cannot be read twice.
    public override async Task<int?> IncrementCounterAsync(InvoiceHubDbContext db, string counterTable, int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>(
                InvoiceNumbering.CounterSql("""UPDATE "{table}" SET "LastNumber" = "LastNumber" + 1 WHERE "Year" = {0} RETURNING "LastNumber" AS "Value" """, counterTable), year)
            .ToListAsync(cancellationToken)) is [var number] ? number : null;

    public override InvoiceHubDbContext CreateMigrationsContext(DbContextOptions options) => new Migrations.SqliteMigrationsContext(options);

    public override string FirstRows(int rows) => $"LIMIT {rows}";

    public override DateTimeOffset ReadInstant(DbDataReader rows, int ordinal) => FromTicks(rows.GetInt64(ordinal));

    public override PreparedReads CreatePreparedReads(string connectionString) => new SqlitePreparedReads(connectionString);

    // Unique/primary-key races (2067, 1555) such as two first invoices of a year.
    protected override bool IsConflict(Exception driverError) => driverError is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    /// <summary>
    /// SQLITE_BUSY (5) or SQLITE_LOCKED (6): Microsoft.Data.Sqlite only reports these after waiting the connection's
    /// busy timeout (<c>Database:SqliteBusyTimeout</c>).
    /// </summary>
    protected override bool IsBusy(Exception driverError) => driverError is SqliteException { SqliteErrorCode: 5 or 6 };
}
