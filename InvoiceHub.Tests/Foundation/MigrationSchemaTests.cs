using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// The migrations are hand-written without a model snapshot (docs/decisions/0003), so nothing else notices
/// when they drift from the model. Here an empty database brought up by the migrations must have exactly the
/// schema that EnsureCreated derives from the model (EnsureCreated is test-only: the app always migrates).
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

            await BuildAsync(DatabaseProvider.Sqlite, migrated, db => db.Database.MigrateAsync());
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

        await BuildAsync(DatabaseProvider.Postgres, migrated.ConnectionString, db => db.Database.MigrateAsync());
        await BuildAsync(DatabaseProvider.Postgres, modelled.ConnectionString, db => db.Database.EnsureCreatedAsync());

        AssertSameSchema(await SchemaSnapshot.ReadPostgresAsync(modelled.ConnectionString), await SchemaSnapshot.ReadPostgresAsync(migrated.ConnectionString));
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
