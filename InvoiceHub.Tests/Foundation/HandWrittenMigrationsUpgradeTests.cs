using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// A database of the hand-written migrations (decision 0003, kept in <c>HandWrittenMigrations/</c> for this test only)
/// holding the demo data, upgraded by today's start-up migration
/// (decision 0019): every row of every table is still there, unchanged; the history holds the baseline alone; and the
/// schema is exactly the one today's migrations build on an empty database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HandWrittenMigrationsUpgradeTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public Task A_SQLite_database_of_the_hand_written_migrations_upgrades_to_the_baseline_without_losing_a_row() =>
        UpgradeAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task A_PostgreSQL_database_of_the_hand_written_migrations_upgrades_to_the_baseline_without_losing_a_row() =>
        UpgradeAsync(DatabaseProvider.Postgres);

    private async Task UpgradeAsync(DatabaseProvider provider)
    {
        // Today's app seeds the demo data, then the database is taken back to what the hand-written migrations left:
        // the later migrations undone, the history theirs. That it is, table for table, a database of that time is checked
        // against one built by them. (The app of that time cannot seed it any more: today's model has columns it lacks.)
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres, SeedDemoData = true });
        await TakeBackToHandWrittenAsync(app);
        await AssertSameSchemaAsync(provider, "a database of the hand-written migrations", cs => BuildTheOldWayAsync(provider, cs), app.ConnectionString, "the demo database taken back");
        var columns = await TableRows.ColumnsAsync(provider, app.ConnectionString);
        var before = await TableRows.ReadAsync(provider, app.ConnectionString);
        Assert.Equal(HandWrittenHistory.LastMigrationId, (await AppliedAsync(app)).Last());

        await DatabaseInitializer.MigrateAsync(app.Services);

        var after = await TableRows.ReadAsync(provider, app.ConnectionString, columns);
        output.WriteLine($"{provider}: {before.Count} tables, {before.Values.Sum(r => r.Count)} rows before, {after.Where(t => before.ContainsKey(t.Key)).Sum(t => t.Value.Count)} after");
        foreach (var (table, rows) in before)
        {
            output.WriteLine($"  {table}: {rows.Count} before, {(after.TryGetValue(table, out var kept) ? kept.Count : 0)} after");
        }
        foreach (var table in new[] { "AspNetUsers", "Clients", "Invoices", "InvoiceLines", "Allocations", "BalanceEntries", "CreditRequests", "Payments" })
        {
            Assert.True(before[table].Count > 0, $"The demo data left {table} empty, so the upgrade proves nothing about it.");
        }
        Assert.Empty(before.Keys.Except(after.Keys));
        foreach (var (table, rows) in before)
        {
            Assert.True(rows.SequenceEqual(after[table]), $"{table} changed: {rows.Count} rows before, {after[table].Count} after.");
        }

        await using (var migrations = MigrationsContext(app))
        {
            Assert.Equal(migrations.Database.GetMigrations(), await AppliedAsync(app));
            Assert.Empty(await migrations.Database.GetPendingMigrationsAsync());
        }
        await AssertSchemaOfTodaysMigrationsAsync(provider, app.ConnectionString);
    }

    /// <summary>Undoes every migration after the baseline and writes the history the hand-written migrations kept.</summary>
    private static async Task TakeBackToHandWrittenAsync(InvoiceHubFactory app)
    {
        await using var db = MigrationsContext(app);
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
        var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
        foreach (var applied in await history.GetAppliedMigrationsAsync())
        {
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(applied.MigrationId));
        }
        var handWritten = typeof(HandWrittenMigrationsUpgradeTests).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().SingleOrDefault()?.Id)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(15, handWritten.Count);
        foreach (var id in handWritten)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new Microsoft.EntityFrameworkCore.Migrations.HistoryRow(id, "10.0.12")));
        }
    }

    /// <summary>The fifteen hand-written migrations, as releases before decision 0019 ran them at start-up.</summary>
    private static async Task BuildTheOldWayAsync(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
        var oldMigrations = RelationalOptionsExtension.Extract(options.Options).WithMigrationsAssembly(typeof(HandWrittenMigrationsUpgradeTests).Assembly.GetName().Name);
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(oldMigrations);
        // They never had a model snapshot (decision 0003).
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        await using var db = new InvoiceHubDbContext(options.Options);
        await db.Dialect.BeforeMigrateAsync(db, CancellationToken.None);
        await db.Database.MigrateAsync();
        Assert.Equal(15, (await db.Database.GetAppliedMigrationsAsync()).Count());
    }

    private static InvoiceHubDbContext MigrationsContext(InvoiceHubFactory app) =>
        app.Services.GetRequiredService<Web.Data.Dialects.DatabaseDialect>()
            .CreateMigrationsContext(app.Services.GetRequiredService<DbContextOptions<InvoiceHubDbContext>>());

    private static async Task<List<string>> AppliedAsync(InvoiceHubFactory app)
    {
        await using var db = MigrationsContext(app);
        return (await db.Database.GetAppliedMigrationsAsync()).ToList();
    }

    private Task AssertSchemaOfTodaysMigrationsAsync(DatabaseProvider provider, string upgraded) =>
        AssertSameSchemaAsync(provider, "today's migrations on an empty database", cs => MigrationSchemaTests.MigrateAsync(provider, cs), upgraded, "the upgraded database");

    /// <summary>The schema <paramref name="build"/> gives an empty database equals that of <paramref name="actual"/>, defaults included.</summary>
    private async Task AssertSameSchemaAsync(DatabaseProvider provider, string built, Func<string, Task> build, string actual, string actualName)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await using var fresh = await postgres.CreateDatabaseAsync();
            await build(fresh.ConnectionString);
            AssertSame(await SchemaSnapshot.ReadPostgresAsync(fresh.ConnectionString, withDefaults: true), built, await SchemaSnapshot.ReadPostgresAsync(actual, withDefaults: true), actualName);
            return;
        }
        var folder = Directory.CreateTempSubdirectory("invoicehub-baseline-");
        try
        {
            var fresh = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "fresh.db") }.ToString();
            await build(fresh);
            AssertSame(await SchemaSnapshot.ReadSqliteAsync(fresh, withDefaults: true), built, await SchemaSnapshot.ReadSqliteAsync(actual, withDefaults: true), actualName);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void AssertSame(SchemaSnapshot fresh, string freshName, SchemaSnapshot upgraded, string upgradedName)
    {
        Assert.Contains("table Invoices", fresh.Facts);
        Assert.Contains(fresh.Facts, f => f.StartsWith("column Payments.RefundedMinor", StringComparison.Ordinal) && f.EndsWith("DEFAULT 0", StringComparison.Ordinal));
        // The app that seeded the demo data started Quartz, which created its own tables (no migration's business).
        var diff = SchemaSnapshot.Diff(fresh, freshName, upgraded.WithoutTables("QRTZ_"), upgradedName);
        Assert.True(diff.Length == 0, diff);
    }
}
