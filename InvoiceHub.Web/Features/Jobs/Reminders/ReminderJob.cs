using System.Globalization;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.Reminders;

/// <summary>
/// Reminders per the schedule in Settings (days around the due date, default −3, 0, +7, +14): for every Open
/// invoice and credit request whose step has come, one email with the deduplication key
/// <c>reminder:{kind}:{id}:{step}</c>, queued after checking the document is still open. Documents go in
/// batches of <see cref="BatchSize"/>: the already reminded drop out in one read, the rest are checked and queued in one
/// money transaction (one by one when a batch fails). The key's unique index makes "never twice" hold when the job
/// runs twice, on two nodes at once, or again after a crash: a batch that meets another run's key runs again and finds
/// it taken. When several steps are past, only the latest is sent (earlier ones are never sent later).
/// </summary>
public sealed class ReminderJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MoneyTransaction money,
    SettingsService settings,
    EmailOutbox outbox,
    DocumentLinks links,
    TimeProvider clock,
    ILogger<ReminderJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;

    public override string Name => JobCatalog.Reminders;

    /// <summary>Documents checked and queued in one transaction: the already sent ones drop out in one read first.</summary>
    public const int BatchSize = 500;

    public static string Key(string kind, int id, int step) => $"reminder:{kind}:{id}:{step.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The latest step whose day has come, or null when none has.</summary>
    public static int? LatestStep(IReadOnlyList<int> schedule, DateOnly dueDate, DateOnly today)
    {
        int? latest = null;
        foreach (var step in schedule)
        {
            if (dueDate.AddDays(step) <= today && (latest is null || step > latest))
            {
                latest = step;
            }
        }
        return latest;
    }

    private sealed record Due(PayableKind Kind, int Id, int Step, string Key);

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        settings.Invalidate();
        var current = await settings.GetAsync(cancellationToken);
        var schedule = current.ReminderDays;
        if (schedule.Count == 0)
        {
            return JobResult.Nothing("The reminder schedule is empty.");
        }
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var lastDue = today.AddDays(-schedule.Min());

        List<(PayableKind Kind, int Id, DateOnly Due)> candidates;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.Status == InvoiceStatus.Open && i.DueDate <= lastDue)
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.DueDate }).ToListAsync(cancellationToken);
            var requests = await db.CreditRequests.AsNoTracking()
                .Where(r => r.Status == CreditRequestStatus.Open && r.DueDate != null && r.DueDate <= lastDue)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.DueDate }).ToListAsync(cancellationToken);
            candidates = [.. invoices.Select(i => (PayableKind.Invoice, i.Id, i.DueDate)), .. requests.Select(r => (PayableKind.CreditRequest, r.Id, r.DueDate!.Value))];
        }

        var due = candidates
            .Select(c => LatestStep(schedule, c.Due, today) is { } step ? new Due(c.Kind, c.Id, step, Key(PayableDocuments.KindKey(c.Kind), c.Id, step)) : null)
            .OfType<Due>().ToList();
        var queued = 0;
        var failures = new List<string>();
        foreach (var batch in due.Chunk(BatchSize))
        {
            try
            {
                queued += await QueueAsync(batch, current, today, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogInformation(ex, "A batch of reminders could not be queued at once; queuing it one by one");
                queued += await QueueOneByOneAsync(batch, current, today, failures, cancellationToken);
            }
        }
        return new JobResult(queued, failures, $"{queued} reminders queued");
    }

    /// <summary>Checks the documents of <paramref name="batch"/> and queues their reminders in one money transaction.</summary>
    private async Task<int> QueueAsync(Due[] batch, SettingsSnapshot current, DateOnly today, CancellationToken cancellationToken)
    {
        List<Due> open;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var keys = batch.Select(d => d.Key).ToList();
            var sent = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey!)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            open = batch.Where(d => !sent.Contains(d.Key)).ToList();
        }
        if (open.Count == 0)
        {
            return 0;
        }

        return await money.RunAsync("Queue reminders", async (db, ct) =>
        {
            // Read again inside the transaction: a document paid or voided since the scan gets no reminder.
            var documents = (await PayableDocuments.FindManyAsync(db, open.Select(d => (d.Kind, d.Id)).ToList(), ct))
                .Where(d => d.IsPayable && d.DueDate is not null).ToDictionary(d => (d.Kind, d.Id));
            var clientIds = documents.Values.Select(d => d.ClientId).Distinct().ToList();
            var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name, c.Email, c.Language }).ToDictionaryAsync(c => c.Id, ct);

            var messages = new List<EmailMessage>();
            foreach (var d in open)
            {
                if (documents.GetValueOrDefault((d.Kind, d.Id)) is not { } document)
                {
                    continue;
                }
                var client = clients[document.ClientId];
                var payLink = current.OnlineInvoicePayment ? await links.ForAsync(db, d.Kind, d.Id, ct) : null;
                // In the client's language, read with the batch's clients in one query.
                using (Languages.Use(client.Language))
                {
                    messages.Add(DocumentEmails.Reminder(client.Email, client.Name, DocumentEmails.Describe(document.Kind, document.Reference), document.StillToPay.ToString(),
                        document.DueDate!.Value, today, payLink, current.CompanyName, d.Key).About(d.Kind, d.Id));
                }
            }
            return (await outbox.EnqueueAllAsync(db, messages, ct)).Count;
        }, cancellationToken);
    }

    private async Task<int> QueueOneByOneAsync(Due[] batch, SettingsSnapshot current, DateOnly today, List<string> failures, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var due in batch)
        {
            try
            {
                queued += await QueueAsync([due], current, today, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{PayableDocuments.KindKey(due.Kind)} {due.Id}, step {due.Step}: {ex.Message}");
            }
        }
        return queued;
    }
}
