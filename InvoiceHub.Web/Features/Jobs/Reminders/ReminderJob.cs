using System.Globalization;
using System.Net;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace InvoiceHub.Web.Features.Jobs.Reminders;

/// <summary>
/// Reminders per the schedule in Settings (days around the due date, default −3, 0, +7, +14): for every Open
/// invoice and credit request whose step has come, one email with the deduplication key
/// <c>reminder:{kind}:{id}:{step}</c>, queued after checking the document is still open. Documents go in
/// batches of <see cref="BatchSize"/>: the already reminded drop out in one read, the rest are checked and queued in one
/// transaction (one by one when a batch meets a race or a failure). The key's unique index makes "never twice"
/// hold when the job runs twice, on two nodes at once, or again after a crash. When several steps are past, only the latest is sent (earlier ones are never sent later).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    SettingsService settings,
    EmailOutbox outbox,
    DocumentLinks links,
    SqliteWriteGate writeGate,
    TimeProvider clock,
    ILogger<ReminderJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;

    protected override string Name => JobCatalog.Reminders;

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

        List<(string Kind, int Id, DateOnly Due)> candidates;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.Status == InvoiceStatus.Open && i.DueDate <= lastDue)
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.DueDate }).ToListAsync(cancellationToken);
            var requests = await db.CreditRequests.AsNoTracking()
                .Where(r => r.Status == CreditRequestStatus.Open && r.DueDate != null && r.DueDate <= lastDue)
                .OrderBy(r => r.Id).Select(r => new { r.Id, r.DueDate }).ToListAsync(cancellationToken);
            candidates = [.. invoices.Select(i => ("invoice", i.Id, i.DueDate)), .. requests.Select(r => ("credit-request", r.Id, r.DueDate!.Value))];
        }

        var due = candidates
            .Select(c => LatestStep(schedule, c.Due, today) is { } step ? new Due(c.Kind, c.Id, step, Key(c.Kind, c.Id, step)) : null)
            .OfType<Due>().ToList();
        var queued = 0;
        var failures = new List<string>();
        foreach (var batch in due.Chunk(BatchSize))
        {
            try
            {
                queued += await QueueBatchAsync(batch, current, today, cancellationToken);
            }
            catch (DbUpdateException ex) when (MoneyTransaction.IsTransient(ex))
            {
                // Another node queued one of these at the same moment: the unique key refused the batch, so one by one.
                logger.LogInformation("A reminder of this batch was queued by another run; queuing the batch one by one");
                queued += await QueueOneByOneAsync(batch, current, today, failures, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                queued += await QueueOneByOneAsync(batch, current, today, failures, cancellationToken);
            }
        }
        return new JobResult(queued, failures, $"{queued} reminders queued");
    }

    private sealed record Due(string Kind, int Id, int Step, string Key);

    /// <summary>Documents checked and queued in one transaction: the already sent ones drop out in one read first.</summary>
    public const int BatchSize = 500;

    private async Task<int> QueueBatchAsync(Due[] batch, SettingsSnapshot current, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = batch.Select(d => d.Key).ToList();
        var sent = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.DeduplicationKey!)).Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var open = batch.Where(d => !sent.Contains(d.Key)).ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Read again inside the transaction: a document paid or voided since the scan gets no reminder.
        var invoiceIds = open.Where(d => d.Kind == "invoice").Select(d => d.Id).ToList();
        var invoices = invoiceIds.Count == 0 ? [] : await db.Invoices.AsNoTracking()
            .Where(i => invoiceIds.Contains(i.Id) && i.Status == InvoiceStatus.Open)
            .Join(db.Clients, i => i.ClientId, c => c.Id, (i, c) => new { i.Id, i.Number, i.DueDate, i.TotalMinor, i.AmountPaidMinor, i.Currency, c.Name, c.Email })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var requestIds = open.Where(d => d.Kind != "invoice").Select(d => d.Id).ToList();
        var requests = requestIds.Count == 0 ? [] : await db.CreditRequests.AsNoTracking()
            .Where(r => requestIds.Contains(r.Id) && r.Status == CreditRequestStatus.Open && r.DueDate != null)
            .Join(db.Clients, r => r.ClientId, c => c.Id, (r, c) => new { r.Id, r.DueDate, r.AmountMinor, r.Currency, c.Name, c.Email })
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        var messages = new List<EmailMessage>();
        foreach (var d in open)
        {
            if (d.Kind == "invoice" && invoices.TryGetValue(d.Id, out var i))
            {
                messages.Add(Compose(i.Email, i.Name, $"invoice {i.Number}", new InvoiceHub.Domain.Money(Math.Max(0, i.TotalMinor - i.AmountPaidMinor), i.Currency).ToString(),
                    i.DueDate, today, d.Key, current.OnlineInvoicePayment ? await links.ForAsync(db, PayableKind.Invoice, i.Id, cancellationToken) : null, current.CompanyName) with { InvoiceId = i.Id });
            }
            else if (d.Kind != "invoice" && requests.TryGetValue(d.Id, out var r))
            {
                messages.Add(Compose(r.Email, r.Name, "credit request " + InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(r.Id), new InvoiceHub.Domain.Money(r.AmountMinor, r.Currency).ToString(),
                    r.DueDate!.Value, today, d.Key, current.OnlineInvoicePayment ? await links.ForAsync(db, PayableKind.CreditRequest, r.Id, cancellationToken) : null, current.CompanyName) with { CreditRequestId = r.Id });
            }
        }
        var added = await outbox.EnqueueAllAsync(db, messages, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added.Count;
    }

    private async Task<int> QueueOneByOneAsync(Due[] batch, SettingsSnapshot current, DateOnly today, List<string> failures, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var (kind, id, step, key) in batch)
        {
            try
            {
                if (await QueueAsync(kind, id, step, current, today, cancellationToken))
                {
                    queued++;
                }
            }
            catch (DbUpdateException ex) when (MoneyTransaction.IsTransient(ex))
            {
                logger.LogInformation("Reminder {Key} was queued by another run", key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add($"{kind} {id}, step {step}: {ex.Message}");
            }
        }
        return queued;
    }

    private async Task<bool> QueueAsync(string kind, int id, int step, SettingsSnapshot current, DateOnly today, CancellationToken cancellationToken)
    {
        var key = Key(kind, id, step);
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        using var turn = await writeGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Outbox.AnyAsync(m => m.DeduplicationKey == key, cancellationToken))
        {
            return false;
        }
        EmailMessage? message = kind == "invoice"
            ? await InvoiceReminderAsync(db, id, step, key, current, today, cancellationToken)
            : await CreditRequestReminderAsync(db, id, step, key, current, today, cancellationToken);
        if (message is null || !await outbox.EnqueueAsync(db, message, cancellationToken))
        {
            return false;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<EmailMessage?> InvoiceReminderAsync(InvoiceHubDbContext db, int id, int step, string key, SettingsSnapshot current, DateOnly today, CancellationToken ct)
    {
        // Read again inside the transaction: a document paid or voided since the scan gets no reminder.
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.Status == InvoiceStatus.Open, ct);
        if (invoice is null)
        {
            return null;
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => new { c.Name, c.Email }).SingleAsync(ct);
        var what = $"invoice {invoice.Number}";
        var amount = invoice.StillToPay.ToString();
        return Compose(client.Email, client.Name, what, amount, invoice.DueDate, today, key,
            current.OnlineInvoicePayment ? await links.ForAsync(db, PayableKind.Invoice, invoice.Id, ct) : null, current.CompanyName) with { InvoiceId = invoice.Id };
    }

    private async Task<EmailMessage?> CreditRequestReminderAsync(InvoiceHubDbContext db, int id, int step, string key, SettingsSnapshot current, DateOnly today, CancellationToken ct)
    {
        var request = await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Status == CreditRequestStatus.Open, ct);
        if (request?.DueDate is not { } due)
        {
            return null;
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId).Select(c => new { c.Name, c.Email }).SingleAsync(ct);
        var what = "credit request " + request.Reference;
        var amount = new InvoiceHub.Domain.Money(request.AmountMinor, request.Currency).ToString();
        return Compose(client.Email, client.Name, what, amount, due, today, key,
            current.OnlineInvoicePayment ? await links.ForAsync(db, PayableKind.CreditRequest, request.Id, ct) : null, current.CompanyName) with { CreditRequestId = request.Id };
    }

    private static EmailMessage Compose(string to, string clientName, string what, string amount, DateOnly due, DateOnly today, string key, Uri? payLink, string company)
    {
        var dueText = due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var (subject, sentence) = (due.DayNumber - today.DayNumber) switch
        {
            > 0 => ($"Reminder: {what} is due on {dueText}", $"{what} for {amount} is due on {dueText}."),
            0 => ($"Reminder: {what} is due today", $"{what} for {amount} is due today ({dueText})."),
            _ => ($"Overdue: {what} was due on {dueText}", $"{what} for {amount} was due on {dueText} and is still unpaid."),
        };
        sentence = char.ToUpperInvariant(sentence[0]) + sentence[1..];
        var text = $"Dear {clientName},\n\n{sentence}\n" + (payLink is null ? "" : $"\nPay Now: {payLink}\n") + $"\nKind regards,\n{company}\n";
        var html = $"<p>Dear {Encode(clientName)},</p><p>{Encode(sentence)}</p>"
                   + (payLink is null ? "" : $"<p><a href=\"{Encode(payLink.ToString())}\" style=\"background:#198754;color:#fff;padding:8px 16px;border-radius:4px;text-decoration:none\">Pay Now</a></p>")
                   + $"<p>Kind regards,<br>{Encode(company)}</p>";
        return new EmailMessage(to, subject, html, text, "reminder", key);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
