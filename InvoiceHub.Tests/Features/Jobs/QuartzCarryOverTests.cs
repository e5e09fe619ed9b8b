using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Data.Migrations;
using InvoiceHub.Web.Features.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>
/// A database from the Quartz.NET days (migrated before DropQuartzTables, Quartz's own QRTZ_ tables, an Admin's schedule
/// saved in Quartz's cron syntax) opened by today's app: the tables are gone, the schedule runs on Hangfire.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QuartzCarryOverTests(PostgresServer postgres)
{
    private const string SavedUnderQuartz = "0 30 7 ? * MON-FRI";

    [Fact]
    public async Task On_SQLite_the_QRTZ_tables_go_and_a_saved_schedule_carries_over()
    {
        var folder = Directory.CreateTempSubdirectory("invoicehub-quartz-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "old.db") }.ToString();
            await ArrangeQuartzDaysAsync(DatabaseProvider.Sqlite, connectionString);
            await AssertCarriedOverAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Sqlite }, connectionString);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [RequiresPostgresFact]
    public async Task On_PostgreSQL_the_QRTZ_tables_go_and_a_saved_schedule_carries_over()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await ArrangeQuartzDaysAsync(DatabaseProvider.Postgres, database.ConnectionString);
        await AssertCarriedOverAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres }, database.ConnectionString);
    }

    private static async Task AssertCarriedOverAsync(InvoiceHubOptions options, string connectionString)
    {
        var provider = options.Provider;
        await using (var db = Context(provider, connectionString))
        {
            Assert.NotEmpty(await QuartzTablesAsync(db));
        }

        await using var app = await InvoiceHubFactory.CreateAsync(options with
        {
            Settings = new Dictionary<string, string?> { [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = connectionString },
        });
        var jobs = app.Services.GetRequiredService<JobsService>();
        JobStatusView reminders;
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            // The schedules are applied once the app has started.
            while ((reminders = (await jobs.ListAsync()).Single(j => j.Name == JobCatalog.Reminders)).NextRunAt is null || reminders.Cron == InvoiceHubFactory.NeverCron)
            {
                await Task.Delay(100, limit.Token);
            }
        }

        await using (var db = Context(provider, connectionString))
        {
            Assert.Empty(await QuartzTablesAsync(db));
        }
        Assert.True(reminders.CustomSchedule);
        Assert.Equal("30 7 * * MON-FRI", reminders.Cron);
        Assert.Equal(ScheduleKind.Weekdays, JobSchedulePlan.FromCron(reminders.Cron).Kind);
        Assert.Equal(new TimeSpan(7, 30, 0), reminders.NextRunAt!.Value.TimeOfDay);
        Assert.InRange(reminders.NextRunAt.Value.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);
    }

    /// <summary>The migrations up to the one before DropQuartzTables, two of Quartz's tables (one referring to the other), a saved schedule.</summary>
    private static async Task ArrangeQuartzDaysAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = Context(provider, connectionString);
        var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_DropQuartzTables", StringComparison.Ordinal)).Last();
        await db.GetService<IMigrator>().MigrateAsync(before);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE QRTZ_JOB_DETAILS (SCHED_NAME VARCHAR(120) NOT NULL, JOB_NAME VARCHAR(150) NOT NULL, PRIMARY KEY (SCHED_NAME, JOB_NAME))");
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE QRTZ_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, TRIGGER_NAME VARCHAR(150) NOT NULL, JOB_NAME VARCHAR(150) NOT NULL,
                PRIMARY KEY (SCHED_NAME, TRIGGER_NAME), FOREIGN KEY (SCHED_NAME, JOB_NAME) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME))
            """);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO QRTZ_JOB_DETAILS VALUES ('InvoiceHub', 'reminders')");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO QRTZ_TRIGGERS VALUES ('InvoiceHub', 'reminders-schedule', 'reminders')");
        db.Add(new JobSchedule(JobCatalog.Reminders, SavedUnderQuartz, "ada@invoicehub.test", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> QuartzTablesAsync(InvoiceHubDbContext db) =>
        db.Database.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name ILIKE 'qrtz%'").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'").ToListAsync();

    /// <summary>The provider's migrations context: its own set of migrations (decision 0019).</summary>
    private static InvoiceHubDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, provider, connectionString);
        using var plain = new InvoiceHubDbContext(options.Options);
        return plain.Dialect.CreateMigrationsContext(options.Options);
    }
}
