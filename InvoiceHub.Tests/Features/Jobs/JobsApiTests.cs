using System.Net;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class JobsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Jobs_list_names_every_job_with_its_next_run()
    {
        var jobs = (await app.GetAsync("/api/v1/jobs")).AsArray();

        Assert.Equal(JobCatalog.All.Select(j => j.Name).Order(), jobs.Select(j => j!.Text("name")).Order());
        // The scheduler starts after the app; its triggers give every job a next run.
        await app.Factory.Services.GetRequiredService<JobsService>().RunNowAsync(JobCatalog.Reminders);
        jobs = (await app.GetAsync("/api/v1/jobs")).AsArray();
        Assert.All(jobs, j => Assert.True(DateTimeOffset.Parse(j!.Text("nextRunAt"), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    [Fact]
    public async Task Run_now_runs_the_job_waits_for_it_and_the_list_shows_the_run()
    {
        var run = await app.PostAsync("/api/v1/jobs/email-delivery/run", null);

        Assert.Equal("Succeeded", run.Text("outcome"));
        Assert.NotNull(run["finishedAt"]);
        var listed = (await app.GetAsync("/api/v1/jobs")).AsArray().Single(j => j!.Text("name") == "email-delivery")!;
        Assert.Equal("Succeeded", listed.Text("lastOutcome"));
        Assert.Equal(run.Text("startedAt"), listed.Text("lastRunAt"));
    }

    [Fact]
    public async Task Running_an_unknown_job_is_404_naming_the_jobs()
    {
        var problem = await app.PostAsync("/api/v1/jobs/payroll/run", null, HttpStatusCode.NotFound);

        Assert.Contains("reminders", problem.Text("detail"));
    }

    [Fact]
    public async Task Outbox_lists_emails_for_one_recipient()
    {
        await using (var db = app.Factory.CreateDbContext())
        {
            var outbox = app.Factory.Services.GetRequiredService<EmailOutbox>();
            await outbox.EnqueueAsync(db, new EmailMessage("olga@example.test", "Receipt 1", "<p>1</p>", "1", "receipt"));
            await outbox.EnqueueAsync(db, new EmailMessage("other@example.test", "Receipt 2", "<p>2</p>", "2", "receipt"));
            await db.SaveChangesAsync();
        }

        var emails = (await app.GetAsync("/api/v1/outbox?to=olga@example.test")).AsArray();

        var email = Assert.Single(emails)!;
        Assert.Equal("olga@example.test", email.Text("to"));
        Assert.Equal("Receipt 1", email.Text("subject"));
        Assert.Equal("receipt", email.Text("kind"));
        Assert.Contains(email.Text("status"), new[] { "Pending", "Sent" });
        Assert.NotNull(email["createdAt"]);
    }
}
