using Hangfire;
using InvoiceHub.Web.Features.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>
/// Hangfire's SQLite storage reaches SQLite through sqlite-net-pcl, the app through Microsoft.Data.Sqlite (EF Core): one
/// process, two drivers, two files (docs/decisions/0020). Under load (the app's money writes from several threads,
/// Run now, a schedule firing every second, jobs writing the outbox) nothing fails and neither file is damaged.
/// </summary>
public sealed class HangfireSqliteStorageTests
{
    private const int Writers = 4;
    private const int DocumentsPerWriter = 30;

    [Fact]
    public async Task Hangfire_on_SQLite_and_the_apps_EF_writes_share_one_process_under_load()
    {
        await using var app = await JobsTestApp.StartAsync(new Dictionary<string, string?> { [$"Jobs:Schedules:{JobCatalog.EmailDelivery}"] = "*/1 * * * * *" });
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < DocumentsPerWriter; i++)
            {
                var client = await app.CreateClientAsync($"Load {w}-{i}", $"load{w}-{i}@example.test");
                await app.OpenInvoiceAsync(client, today);
            }
        })).ToList();
        var reminderRuns = new List<JobRunView>();
        // Run now keeps Hangfire busy while the writers work and until the every-second schedule has fired at least
        // twice (a fast machine finishes the writes within one second), bounded by a minute.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while ((writers.Any(w => !w.IsCompleted) || await ScheduledDeliveriesAsync(app) < 2) && DateTimeOffset.UtcNow < deadline)
        {
            reminderRuns.Add(await app.RunAsync(JobCatalog.Reminders));
        }
        await Task.WhenAll(writers);
        reminderRuns.Add(await app.RunAsync(JobCatalog.Reminders));
        var lastDelivery = await app.RunAsync(JobCatalog.EmailDelivery);

        await using var db = app.Factory.CreateDbContext();
        Assert.Equal(Writers * DocumentsPerWriter, await db.Invoices.CountAsync());
        Assert.All(reminderRuns, r => Assert.Equal(JobOutcome.Succeeded, r.Outcome));
        Assert.Equal(JobOutcome.Succeeded, lastDelivery.Outcome);
        // One reminder per invoice (its due-date step), and every one delivered.
        var outbox = await app.OutboxAsync();
        Assert.Equal(Writers * DocumentsPerWriter, outbox.Count(m => m.DeduplicationKey != null && m.DeduplicationKey.StartsWith("reminder:", StringComparison.Ordinal)));
        Assert.All(outbox, m => Assert.Equal(Web.Integrations.Email.OutboxStatus.Sent, m.Status));
        var scheduled = await db.Set<JobRun>().AsNoTracking().Where(r => r.JobName == JobCatalog.EmailDelivery && r.RequestId == null).ToListAsync();
        Assert.True(scheduled.Count >= 2, $"the every-second schedule ran {scheduled.Count} times during the load");
        Assert.All(scheduled.Where(r => r.FinishedAt != null), r => Assert.Equal(JobOutcome.Succeeded, r.Outcome));

        var statistics = app.Get<JobStorage>().GetMonitoringApi().GetStatistics();
        Assert.Equal(0, statistics.Failed);
        Assert.True(statistics.Succeeded >= reminderRuns.Count + 1, $"Hangfire counted {statistics.Succeeded} succeeded jobs");
        Assert.Equal("ok", await IntegrityAsync(app.Factory.ConnectionString));
        Assert.Equal("ok", await IntegrityAsync($"Data Source={JobsRegistration.StorageFileFor(app.Factory.ConnectionString)}"));
        // Both drivers ended up on one native SQLite: the one library the build copies (decision 0020).
        Assert.Equal(SQLitePCL.raw.sqlite3_libversion_number(), SQLite.SQLite3.LibVersionNumber());
    }

    private static async Task<int> ScheduledDeliveriesAsync(JobsTestApp app)
    {
        await using var db = app.Factory.CreateDbContext();
        return await db.Set<JobRun>().CountAsync(r => r.JobName == JobCatalog.EmailDelivery && r.RequestId == null);
    }

    private static async Task<string> IntegrityAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
