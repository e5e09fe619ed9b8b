using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>The jobs page in a browser: last and next runs, Run now, schedules that Admins edit and Finance cannot reach.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsPageBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    private const string Weekdays = "30 7 * * 1-5";

    [RequiresChromiumFact]
    public async Task Admin_runs_email_delivery_now_and_edits_a_schedule_that_persists()
    {
        await using (var db = App.CreateDbContext())
        {
            await App.Services.GetRequiredService<EmailOutbox>().EnqueueAsync(db, new EmailMessage("mila@example.test", "Receipt", "<p>Thanks</p>", "Thanks", "receipt"));
            await db.SaveChangesAsync();
        }
        int pending;
        await using (var db = App.CreateDbContext())
        {
            pending = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending);
        }

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Admin_runs_email_delivery_now_and_edits_a_schedule_that_persists));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/jobs");
        var page = session.Page;
        foreach (var job in JobCatalog.All)
        {
            await Assertions.Expect(page.GetByTestId($"job-{job.Name}")).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByTestId($"last-run-{JobCatalog.EmailDelivery}")).ToHaveTextAsync("never");
        await Assertions.Expect(page.GetByTestId($"next-run-{JobCatalog.EmailDelivery}")).ToHaveTextAsync($"1 Jan {DateTime.UtcNow.Year + 1} 00:00 UTC");

        await page.GetByTestId($"run-{JobCatalog.EmailDelivery}").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"outcome-{JobCatalog.EmailDelivery}")).ToContainTextAsync($"{pending} done, 0 failed");
        await Assertions.Expect(page.GetByTestId($"outcome-{JobCatalog.EmailDelivery}").Locator(".mud-chip")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.GetByTestId($"message-{JobCatalog.EmailDelivery}")).ToContainTextAsync($"{pending} sent");
        await Assertions.Expect(page.GetByTestId($"last-run-{JobCatalog.EmailDelivery}")).ToContainTextAsync(" UTC");
        await session.ScreenshotAsync("ran-email-delivery");

        // Schedules are chosen as a person says them; the cron is only shown.
        // The kind is a MudSelect: open it, then choose the option from its list.
        var reminders = page.GetByTestId($"job-{JobCatalog.Reminders}");
        async Task ChooseKindAsync(string option)
        {
            await reminders.GetByLabel("Runs", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        }
        await ChooseKindAsync("Every N minutes");
        await page.GetByTestId($"schedule-every-{JobCatalog.Reminders}").FillAsync("0");
        await page.GetByTestId($"save-schedule-{JobCatalog.Reminders}").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"schedule-message-{JobCatalog.Reminders}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-error-text"));
        await Assertions.Expect(page.GetByTestId($"schedule-every-{JobCatalog.Reminders}")).ToHaveAttributeAsync("aria-invalid", "true");
        await ChooseKindAsync("Weekdays (Monday to Friday)");
        await page.GetByTestId($"schedule-time-{JobCatalog.Reminders}").FillAsync("07:30");
        await page.GetByTestId($"save-schedule-{JobCatalog.Reminders}").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"schedule-message-{JobCatalog.Reminders}")).ToContainTextAsync("Saved");

        await session.ReloadInteractiveAsync();
        await Assertions.Expect(page.GetByTestId($"cron-{JobCatalog.Reminders}")).ToHaveTextAsync(Weekdays);
        await Assertions.Expect(page.GetByTestId($"schedule-describe-{JobCatalog.Reminders}")).ToHaveTextAsync("Weekdays (Monday to Friday) at 07:30 UTC");
        await Assertions.Expect(reminders.GetByLabel("Runs", new() { Exact = true })).ToHaveValueAsync("Weekdays (Monday to Friday)");
        await Assertions.Expect(page.GetByTestId($"next-run-{JobCatalog.Reminders}")).ToContainTextAsync("07:30 UTC");
        var stored = (await App.Services.GetRequiredService<JobsService>().ListAsync()).Single(j => j.Name == JobCatalog.Reminders);
        Assert.Equal(Weekdays, stored.Cron);
        Assert.Contains(stored.NextRunAt!.Value.DayOfWeek, new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });
    }

    [RequiresChromiumFact]
    public async Task Admin_opens_the_Hangfire_dashboard_from_the_jobs_page_and_triggers_a_job_under_the_apps_content_security_policy()
    {
        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Admin_opens_the_Hangfire_dashboard_from_the_jobs_page_and_triggers_a_job_under_the_apps_content_security_policy));
        var page = session.Page;
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };
        page.PageError += (_, error) => refused.Add(error);
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/jobs");

        await page.GetByTestId("hangfire-dashboard-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/hangfire/recurring$"));
        // The dashboard's own script (a file under /admin/hangfire) posts the action with the anti-forgery header.
        await page.Locator($"input.js-jobs-list-checkbox[value='{JobCatalog.EmailDelivery}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" }).ClickAsync();

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var db = App.CreateDbContext();
            if (await db.Set<JobRun>().AnyAsync(r => r.JobName == JobCatalog.EmailDelivery && r.FinishedAt != null, limit.Token))
            {
                break;
            }
            await Task.Delay(100, limit.Token);
        }
        // The dashboard reloads itself after the action: the picture is taken once it has settled, not mid-navigation.
        await page.WaitForLoadStateAsync(LoadState.Load);
        await session.ScreenshotAsync("hangfire-dashboard");
        Assert.Empty(refused);
    }

    [RequiresChromiumFact]
    public async Task Finance_cannot_open_the_jobs_page_nor_edit_a_schedule()
    {
        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_cannot_open_the_jobs_page_nor_edit_a_schedule));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.Page.GotoAsync("/admin/jobs");

        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("access-denied"));
        await Assertions.Expect(session.Page.GetByTestId($"cron-{JobCatalog.Reminders}")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);
    }
}
