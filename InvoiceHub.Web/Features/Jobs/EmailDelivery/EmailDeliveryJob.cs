using InvoiceHub.Web.Data;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

/// <summary>
/// Drains the outbox: every Pending message whose next attempt is due goes to the SMTP server; a refusal or a
/// dead server counts an attempt and backs the message off (1, 2, 4 … minutes) until it goes or gives up as
/// Failed, so nothing is lost. Each message is marked in its own save right after its hand-over.
/// In Development without <c>Jobs:Smtp:Host</c> messages are marked Sent and read in the in-app mailbox
/// (<c>/admin/mailbox</c>); elsewhere an empty host is a configuration error and the run fails saying so.
/// </summary>
public sealed class EmailDeliveryJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    SmtpEmailSender sender,
    IEnumerable<IOutboxAttachmentRenderer> renderers,
    JobsOptions options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<EmailDeliveryJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    public const int BatchSize = 100;

    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;

    public override string Name => JobCatalog.EmailDelivery;

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        var mailbox = string.IsNullOrWhiteSpace(options.Smtp.Host);
        if (mailbox && !environment.IsDevelopment())
        {
            throw new InvalidOperationException("Jobs:Smtp:Host is empty: configure the SMTP server (Jobs:Smtp:Host, Port, From, UseSsl, User, Password). Nothing was sent; the outbox keeps every email.");
        }

        var sent = 0;
        var failures = new List<string>();
        var seen = new HashSet<int>();
        while (true)
        {
            var now = _clock.GetUtcNow();
            await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
            var due = await db.Outbox
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            due.RemoveAll(m => !seen.Add(m.Id));
            if (due.Count == 0)
            {
                break;
            }
            foreach (var message in due)
            {
                await RenderAttachmentAsync(message, cancellationToken);
                if (mailbox)
                {
                    logger.LogInformation("Development mailbox: email {Id} to {To} \"{Subject}\" marked sent without SMTP (Jobs:Smtp:Host is empty); read it at /admin/mailbox", message.Id, message.To, message.Subject);
                    message.MarkSent(_clock.GetUtcNow());
                    sent++;
                }
                else
                {
                    try
                    {
                        await sender.SendAsync(message, cancellationToken);
                        message.MarkSent(_clock.GetUtcNow());
                        sent++;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        var error = Describe(ex);
                        message.MarkAttemptFailed(error, _clock.GetUtcNow());
                        failures.Add($"Email {message.Id} to {message.To}: {error}" + (message.Status == OutboxStatus.Failed ? " (given up)" : ""));
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        return new JobResult(sent, failures, $"{sent} sent, {failures.Count} failed" + (mailbox ? " (Development mailbox, no SMTP)" : ""));
    }

    private async Task RenderAttachmentAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.AwaitsAttachment && renderers.FirstOrDefault(r => r.Kind == message.Kind) is { } renderer)
        {
            if (await renderer.RenderAsync(message, cancellationToken) is { } content)
            {
                message.Attach(content);
            }
            else
            {
                logger.LogWarning("Email {Id} \"{Subject}\": its attachment {Name} no longer has anything to show; sent without it", message.Id, message.Subject, message.AttachmentName);
            }
        }
    }

    private static string Describe(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
        }
        return string.Join(" → ", parts.Distinct());
    }
}
