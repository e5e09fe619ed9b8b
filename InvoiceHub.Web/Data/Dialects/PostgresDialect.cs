using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;

namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// PostgreSQL: a server several nodes share. Money transactions lock the client row first so that operations on one
/// client queue instead of retrying; instants are <c>timestamptz</c>; serialization failures, deadlocks and unique
/// races are conflicts worth another attempt.
/// </summary>
public sealed class PostgresDialect : DatabaseDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override bool IsSharedServer => true;

    public override bool LocksRows => true;

    public override string ResolveConnectionString(string? configured, string contentRoot, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:InvoiceHub is empty.")
            : configured;

    protected override void UseProvider(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options) =>
        db.UseNpgsql(connectionString);

    public override void UseJobStore(IPersistentStoreBuilder store, string connectionString) => store.UsePostgres(connectionString);

    public override async Task LockClientAsync(InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Clients" WHERE "Id" = {clientId} FOR UPDATE""", cancellationToken);

    // The UPDATE holds the counter row until commit, so a concurrent issue waits for this number to commit or roll back.
    public override async Task<int?> IncrementInvoiceCounterAsync(InvoiceHubDbContext db, int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>(
                $"""UPDATE "InvoiceNumberCounters" SET "LastNumber" = "LastNumber" + 1 WHERE "Year" = {year} RETURNING "LastNumber" AS "Value" """)
            .ToListAsync(cancellationToken)) is [var number] ? number : null;

    public override InvoiceHubDbContext CreateMigrationsContext(DbContextOptions options) => new Migrations.PostgresMigrationsContext(options);

    public override string FirstRows(int rows) => $"LIMIT {rows}";

    public override DateTimeOffset ReadInstant(DbDataReader rows, int ordinal) => rows.GetFieldValue<DateTimeOffset>(ordinal);

    public override PreparedReads CreatePreparedReads(string connectionString) =>
        new PooledPreparedReads(() => new NpgsqlConnection(connectionString), prepare: true);

    protected override bool IsConflict(Exception driverError) =>
        driverError is PostgresException
        {
            SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation,
        };
}
