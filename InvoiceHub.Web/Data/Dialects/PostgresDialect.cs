using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    public override bool LocksRows => true;

    public override string ResolveConnectionString(string? configured, string contentRoot, DatabaseOptions options) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:InvoiceHub is empty.")
            : configured;

    protected override void UseProvider(DbContextOptionsBuilder db, string connectionString, DatabaseOptions options) =>
        db.UseNpgsql(connectionString);

    /// <summary>
    /// A session-level advisory lock on a connection of its own: PostgreSQL releases it when that connection ends, so a
    /// node killed mid-job frees it at once and another node takes over without waiting for a timeout.
    /// </summary>
    public override async Task<IAsyncDisposable> HoldLockAsync(string connectionString, string resource, CancellationToken cancellationToken)
    {
        var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(resource)), 0);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", key);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // The connection goes back to the pool, whose session would keep the lock: give it back first.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken connection has lost its session, and the lock with it.
            }
            await connection.DisposeAsync();
        }
    }

    public override async Task LockClientAsync(InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Clients" WHERE "Id" = {clientId} FOR UPDATE""", cancellationToken);

    // The UPDATE holds the counter row until commit, so a concurrent issue waits for this number to commit or roll back.
    public override async Task<int?> IncrementCounterAsync(InvoiceHubDbContext db, string counterTable, int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<int>(
                InvoiceNumbering.CounterSql("""UPDATE "{table}" SET "LastNumber" = "LastNumber" + 1 WHERE "Year" = {0} RETURNING "LastNumber" AS "Value" """, counterTable), year)
            .ToListAsync(cancellationToken)) is [var number] ? number : null;

    public override Infrastructure.Events.NodeRelay CreateNodeRelay(string connectionString) => new PostgresNodeRelay(connectionString);

    public override SharedRequestCounter CreateRequestCounter(string connectionString) => new PostgresRequestCounter(connectionString);

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
