using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.EmailDelivery;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class EmailDeliveryJobTests
{
    private static EmailMessage Email(string subject, string to = "cleo@example.test") =>
        new(to, subject, $"<p>{subject}</p>", subject, "receipt");

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Jobs:Smtp:Host"] = "127.0.0.1",
        ["Jobs:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:Smtp:From"] = "InvoiceHub <billing@invoicehub.test>",
        ["Jobs:Smtp:Timeout"] = "00:00:10",
    };

    [Fact]
    public async Task Delivers_the_outbox_to_a_real_SMTP_server_and_marks_it_sent()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = await JobsTestApp.StartAsync(Smtp(smtp.Port));
        await app.EnqueueAsync(Email("Receipt for INV-2026-00001"));
        await app.EnqueueAsync(Email("Receipt for INV-2026-00002", "dan@example.test"));

        var run = await app.RunAsync(JobCatalog.EmailDelivery);

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, run.Processed);
        var received = smtp.Messages();
        Assert.Equal(2, received.Count);
        Assert.Contains(received, m => m.Contains("Subject: Receipt for INV-2026-00001") && m.Contains("To: cleo@example.test"));
        Assert.Contains(received, m => m.Contains("Subject: Receipt for INV-2026-00002") && m.Contains("text/html"));
        Assert.All(await app.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        // Each carries its outbox message's stable Message-ID, so a resend after a crash is recognisably the same email.
        Assert.All(await app.OutboxAsync(), m => Assert.Single(received, r => r.Contains($"Message-ID: {SmtpEmailSender.MessageIdOf(m)}", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_dead_SMTP_server_loses_nothing_and_the_email_goes_after_the_backoff()
    {
        var port = SmtpTestServer.FreePort();
        await using var app = await JobsTestApp.StartAsync(Smtp(port));
        await app.EnqueueAsync(Email("Your invoice INV-2026-00007"));

        var failed = await app.RunAsync(JobCatalog.EmailDelivery);

        Assert.Equal(1, failed.Failures);
        Assert.Contains("Email 1 to cleo@example.test", failed.Message);
        var waiting = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), waiting.NextAttemptAt);

        await using var smtp = await SmtpTestServer.StartAsync(port);
        var tooEarly = await app.RunAsync(JobCatalog.EmailDelivery);
        Assert.Equal(0, tooEarly.Processed);
        Assert.Empty(smtp.Messages());

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var delivered = await app.RunAsync(JobCatalog.EmailDelivery);

        Assert.Equal(1, delivered.Processed);
        Assert.Contains("Subject: Your invoice INV-2026-00007", Assert.Single(smtp.Messages()));
        var sent = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task In_Development_without_an_SMTP_host_emails_go_to_the_in_app_mailbox()
    {
        await using var app = await JobsTestApp.StartAsync();
        await app.EnqueueAsync(Email("Welcome to InvoiceHub"));

        var run = await app.RunAsync(JobCatalog.EmailDelivery);

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Contains("mailbox", run.Message);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.OutboxAsync()).Status);
    }

    [Fact]
    public async Task Outside_Development_an_empty_SMTP_host_fails_the_run_and_keeps_every_email()
    {
        await using var app = await JobsTestApp.StartAsync(environment: "Production");
        await app.EnqueueAsync(Email("Welcome to InvoiceHub"));

        var run = await app.RunAsync(JobCatalog.EmailDelivery);

        Assert.Equal(JobOutcome.Failed, run.Outcome);
        Assert.Contains("Jobs:Smtp:Host is empty", run.Message);
        Assert.Contains(app.Get<JobsService>().ConfigurationProblems(), p => p.Contains("Jobs:Smtp:Host"));
        var kept = Assert.Single(await app.OutboxAsync());
        Assert.Equal(OutboxStatus.Pending, kept.Status);
        Assert.Equal(0, kept.Attempts);
    }
}
