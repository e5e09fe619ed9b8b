using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Each provider's EF Core migrations (docs/decisions/0019), run the way the app runs them, must build exactly the
/// schema that EnsureCreated derives from the model (EnsureCreated is test-only: the app always migrates). The model
/// snapshot catches a forgotten migration; this catches a migration edited by hand into something else.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationSchemaTests(PostgresServer postgres)
{
    [Fact]
    public async Task Migrating_an_empty_SQLite_database_gives_the_model_schema()
    {
        var folder = Directory.CreateTempSubdirectory("invoicehub-schema-");
        try
        {
            var migrated = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "migrated.db") }.ToString();
            var modelled = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "model.db") }.ToString();

            await MigrateAsync(DatabaseProvider.Sqlite, migrated);
            await BuildAsync(DatabaseProvider.Sqlite, modelled, db => db.Database.EnsureCreatedAsync());

            AssertSameSchema(await SchemaSnapshot.ReadSqliteAsync(modelled), await SchemaSnapshot.ReadSqliteAsync(migrated));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [RequiresPostgresFact]
    public async Task Migrating_an_empty_PostgreSQL_database_gives_the_model_schema()
    {
        await using var migrated = await postgres.CreateDatabaseAsync();
        await using var modelled = await postgres.CreateDatabaseAsync();

        await MigrateAsync(DatabaseProvider.Postgres, migrated.ConnectionString);
        await BuildAsync(DatabaseProvider.Postgres, modelled.ConnectionString, db => db.Database.EnsureCreatedAsync());

        AssertSameSchema(await SchemaSnapshot.ReadPostgresAsync(modelled.ConnectionString), await SchemaSnapshot.ReadPostgresAsync(migrated.ConnectionString));
    }

    /// <summary>
    /// No schema reader for SQL Server here (ProviderMigrationsTests checks its script against the model without a
    /// server): the migrations apply, leave nothing pending, create every table of the model and the three filtered
    /// unique indexes that keep one open online payment per document.
    /// </summary>
    [SqlServerFact]
    public async Task Migrating_an_empty_SQL_Server_database_creates_every_table_and_the_filtered_unique_indexes()
    {
        await using var database = await SqlServerTestServer.CreateDatabaseAsync();
        await MigrateAsync(DatabaseProvider.SqlServer, database.ConnectionString);

        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.SqlServer, database.ConnectionString);
        await using var db = DatabaseRegistration.DialectFor(DatabaseProvider.SqlServer).CreateMigrationsContext(options.Options);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS [Value] FROM sys.tables").ToListAsync();
        Assert.Empty(db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct().Except(tables));
        var filtered = await db.Database.SqlQueryRaw<string>(
            "SELECT name AS [Value] FROM sys.indexes WHERE is_unique = 1 AND has_filter = 1 AND name LIKE 'IX[_]Payment%OneOpen%'").ToListAsync();
        Assert.Equal(["IX_PaymentDocuments_OneOpenPerDocument", "IX_Payments_OneOpenOnlinePerCreditRequest", "IX_Payments_OneOpenOnlinePerInvoice"], filtered.Order(StringComparer.Ordinal));
    }

    /// <summary>Through the provider's migrations context, as <see cref="DatabaseInitializer"/> does.</summary>
    internal static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
        await using var db = DatabaseRegistration.DialectFor(provider).CreateMigrationsContext(options.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task BuildAsync(DatabaseProvider provider, string connectionString, Func<InvoiceHubDbContext, Task> build)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
        await using var db = new InvoiceHubDbContext(options.Options);
        await build(db);
    }

    private static void AssertSameSchema(SchemaSnapshot model, SchemaSnapshot migrated)
    {
        Assert.Contains("table AspNetUsers", migrated.Facts);
        var diff = SchemaSnapshot.Diff(model, "the model (EnsureCreated)", migrated, "the migrated database");
        Assert.True(diff.Length == 0, diff);
    }
}
