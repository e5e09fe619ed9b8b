using System.Text.RegularExpressions;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.Reminders;
using InvoiceHub.Web.Features.PaymentLinks;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class ReminderJobTests
{
    private static readonly DateOnly Due = new(2026, 12, 10);

    [Fact]
    public async Task Each_step_of_the_default_schedule_sends_one_reminder_and_running_twice_sends_nothing_more()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(-5));
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, Due);

        await app.RunAsync(JobCatalog.Reminders);
        Assert.Empty(await app.OutboxAsync());

        app.Clock.SetToday(Due.AddDays(-3));
        var first = await app.RunAsync(JobCatalog.Reminders);
        var again = await app.RunAsync(JobCatalog.Reminders);
        Assert.Equal(1, first.Processed);
        Assert.Equal(0, again.Processed);

        app.Clock.SetToday(Due);
        await app.RunAsync(JobCatalog.Reminders);
        app.Clock.SetToday(Due.AddDays(7));
        await app.RunAsync(JobCatalog.Reminders);
        await app.RunAsync(JobCatalog.Reminders);

        var sent = await app.OutboxAsync();
        Assert.Equal(
            [ReminderJob.Key("invoice", invoice, -3), ReminderJob.Key("invoice", invoice, 0), ReminderJob.Key("invoice", invoice, 7)],
            sent.Select(m => m.DeduplicationKey));
        Assert.All(sent, m => Assert.Equal("cleo@example.test", m.To));
        Assert.All(sent, m => Assert.Equal("reminder", m.Kind));
        Assert.Contains("is due on 10 Dec 2026", sent[0].Subject);
        Assert.Contains("is due today", sent[1].Subject);
        Assert.StartsWith("Overdue:", sent[2].Subject);
    }

    [Fact]
    public async Task When_several_steps_are_past_only_the_latest_is_sent_and_earlier_ones_never_follow()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(10));
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, Due);

        await app.RunAsync(JobCatalog.Reminders);
        await app.RunAsync(JobCatalog.Reminders);

        Assert.Equal([ReminderJob.Key("invoice", invoice, 7)], (await app.OutboxAsync()).Select(m => m.DeduplicationKey));
    }

    [Fact]
    public async Task A_void_invoice_gets_no_more_reminders()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(-3));
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, Due);
        await app.RunAsync(JobCatalog.Reminders);
        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<VoidInvoice>().HandleAsync(invoice, "Sent to the wrong client");
        }

        app.Clock.SetToday(Due.AddDays(14));
        var run = await app.RunAsync(JobCatalog.Reminders);

        Assert.Equal(0, run.Processed);
        Assert.Equal([ReminderJob.Key("invoice", invoice, -3)], (await app.OutboxAsync()).Select(m => m.DeduplicationKey));
    }

    [Fact]
    public async Task The_reminder_carries_the_payment_link_only_when_online_payment_is_on()
    {
        await using var app = await JobsTestApp.StartAsync(
            new Dictionary<string, string?> { ["Jobs:PublicBaseUrl"] = "https://billing.example.test/" }, today: Due);
        var client = await app.CreateClientAsync("Dana <Doe>", "dana@example.test");
        await app.SetSettingsAsync(s => s with { OnlineInvoicePayment = false });
        var offline = await app.OpenInvoiceAsync(client, Due);
        await app.RunAsync(JobCatalog.Reminders);
        await app.SetSettingsAsync(s => s with { OnlineInvoicePayment = true });
        var online = await app.OpenInvoiceAsync(client, Due);
        await app.RunAsync(JobCatalog.Reminders);

        var emails = await app.OutboxAsync();
        var withoutLink = Assert.Single(emails, m => m.DeduplicationKey == ReminderJob.Key("invoice", offline, 0));
        var withLink = Assert.Single(emails, m => m.DeduplicationKey == ReminderJob.Key("invoice", online, 0));
        Assert.DoesNotContain("Pay Now", withoutLink.HtmlBody);
        var url = Regex.Match(withLink.TextBody, @"Pay Now: (https://billing\.example\.test/pay/\S+)").Groups[1].Value;
        Assert.Contains($"href=\"{url}\"", withLink.HtmlBody);
        var link = await app.Get<Web.Features.PaymentLinks.PaymentLinks>().ResolveAsync(url[(url.LastIndexOf('/') + 1)..]);
        Assert.Equal((PaymentLinkState.Valid, PayableKind.Invoice, online), (link.State, link.Kind, link.DocumentId));
        await using (var db = app.Factory.CreateDbContext())
        {
            // A link sent by email renews the document's link expiry (SPEC: 30 days after the due date unless a newer email renewed them).
            var stored = await db.Set<PaymentLink>().AsNoTracking().SingleAsync(l => l.DocumentKind == PayableKind.Invoice && l.DocumentId == online);
            Assert.True(stored.RenewsExpiry);
        }
        Assert.Contains("Dear Dana &lt;Doe&gt;", withLink.HtmlBody);
        Assert.Contains("€120.00", withLink.TextBody);
    }

    [Fact]
    public async Task Of_many_documents_in_several_batches_each_one_due_gets_its_reminder_once_and_the_reminded_none()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(8));
        var clients = new[] { await app.CreateClientAsync(), await app.CreateClientAsync("Otto Other", "otto@example.test") };
        var invoices = new List<int>();
        for (var i = 0; i < ReminderJob.BatchSize + 12; i++)
        {
            invoices.Add(await app.OpenInvoiceAsync(clients[i % 2], Due.AddDays(-(i % 3))));
        }
        var reminded = invoices.Where((_, i) => i % 4 == 0).ToList();
        foreach (var id in reminded)
        {
            await app.EnqueueAsync(new EmailMessage("cleo@example.test", "Earlier reminder", "<p>x</p>", "x", "reminder", ReminderJob.Key("invoice", id, 7)));
        }

        var run = await app.RunAsync(JobCatalog.Reminders);
        var again = await app.RunAsync(JobCatalog.Reminders);

        Assert.Equal(invoices.Count - reminded.Count, run.Processed);
        Assert.Equal(0, again.Processed);
        var keys = (await app.OutboxAsync()).Select(m => m.DeduplicationKey).ToList();
        Assert.Equal(invoices.Select(id => ReminderJob.Key("invoice", id, 7)).Order(), keys.Order());
        var otto = (await app.OutboxAsync()).Where(m => m.To == "otto@example.test").ToList();
        Assert.Equal(invoices.Where((id, i) => i % 2 == 1 && !reminded.Contains(id)).Count(), otto.Count);
    }

    [Fact]
    public async Task The_schedule_from_Settings_is_the_one_followed()
    {
        await using var app = await JobsTestApp.StartAsync(today: Due.AddDays(1));
        await app.SetSettingsAsync(s => s with { ReminderDays = [1, 30] });
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, Due);

        await app.RunAsync(JobCatalog.Reminders);

        Assert.Equal([ReminderJob.Key("invoice", invoice, 1)], (await app.OutboxAsync()).Select(m => m.DeduplicationKey));
    }

    [Theory]
    [InlineData(-4, null)]
    [InlineData(-3, -3)]
    [InlineData(6, 0)]
    [InlineData(7, 7)]
    [InlineData(400, 14)]
    public void Latest_step_is_the_last_one_whose_day_has_come(int daysFromDue, int? expected)
    {
        Assert.Equal(expected, ReminderJob.LatestStep([-3, 0, 7, 14], Due, Due.AddDays(daysFromDue)));
    }
}
