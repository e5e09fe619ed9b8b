using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.AutoCharge;

/// <summary>An attempt to charge, with the local payment Mollie is asked for and the client it belongs to.</summary>
public sealed record AutoChargeDraft(AutoChargeAttempt Attempt, LocalDraft Payment, int ClientId);

/// <summary>What Mollie answered for a stored attempt; <see cref="OutcomeKnown"/> when it is already paid or failed.</summary>
public sealed record AutoChargeSubmission(AutoChargeAttempt Attempt, bool OutcomeKnown);

/// <summary>
/// The stored side of auto-charge: attempts (each with its local payment) written before Mollie is asked, a batch per
/// transaction; what Mollie answered; and the outcome, which after the last failed attempt emails the client and Finance.
/// </summary>
public sealed class AutoChargeAttempts(
    MoneyTransaction money,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    EmailOutbox outbox,
    TimeProvider clock)
{
    /// <summary>Days after a failed attempt before the next one; after the last, nobody is charged again automatically.</summary>
    public static readonly int[] RetryDelayDays = [1, 3, 7];

    public static int MaxAttempts => RetryDelayDays.Length + 1;

    /// <summary>Documents with an attempt started or waiting at Mollie: they are followed up even with auto-charge off.</summary>
    public async Task<List<(PayableKind Kind, int Id)>> UnderWayAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var underWay = await db.Set<AutoChargeAttempt>().AsNoTracking()
            .Where(a => a.Status == AttemptStatus.Started || a.Status == AttemptStatus.Submitted)
            .Select(a => new { a.DocumentKind, a.DocumentId }).ToListAsync(ct);
        return underWay.Select(a => (PayableDocuments.KindOfKey(a.DocumentKind), a.DocumentId)).ToList();
    }

    /// <summary>The latest attempt of each document, read in a few queries instead of one per document.</summary>
    public async Task<Dictionary<(PayableKind Kind, int Id), AutoChargeAttempt>> LastAsync(IReadOnlyCollection<(PayableKind Kind, int Id)> documents, CancellationToken ct)
    {
        var last = new Dictionary<(PayableKind, int), AutoChargeAttempt>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var group in documents.GroupBy(d => d.Kind))
        {
            var kind = PayableDocuments.KindKey(group.Key);
            foreach (var chunk in group.Select(d => d.Id).Chunk(1000))
            {
                var attempts = await db.Set<AutoChargeAttempt>().AsNoTracking()
                    .Where(a => a.DocumentKind == kind && chunk.Contains(a.DocumentId)).ToListAsync(ct);
                foreach (var attempt in attempts)
                {
                    if (!last.TryGetValue((group.Key, attempt.DocumentId), out var seen) || seen.Attempt < attempt.Attempt)
                    {
                        last[(group.Key, attempt.DocumentId)] = attempt;
                    }
                }
            }
        }
        return last;
    }

    /// <summary>
    /// Stores attempt n of each planned document with its local payment (the document claimed for it), in one
    /// transaction; documents that cannot be paid (any more), already have that attempt, or are covered by an open
    /// Mollie payment are left out.
    /// </summary>
    public async Task<List<AutoChargeDraft>> StartAsync(IReadOnlyList<(PayableKind Kind, int Id, int Number)> plan, CancellationToken ct)
    {
        if (plan.Count == 0)
        {
            return [];
        }
        return await money.RunAsync("Start auto-charges", async (db, token) =>
        {
            var now = clock.GetUtcNow();
            var references = plan.Select(p => (p.Kind, p.Id)).ToList();
            var taken = await TakenAsync(db, plan, token);
            var covered = await PayableDocuments.CoveredByOpenPaymentsAsync(db, references, token);
            var documents = (await PayableDocuments.FindManyAsync(db, references, token)).ToDictionary(d => (d.Kind, d.Id));
            var clientIds = documents.Values.Select(d => d.ClientId).Distinct().ToList();
            var clients = await db.Clients.Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, token);
            var payments = new List<((PayableKind Kind, int Id, int Number) Planned, Payment Payment)>();
            foreach (var planned in plan)
            {
                if (!taken.Contains((planned.Kind, planned.Id, planned.Number)) && !covered.Contains((planned.Kind, planned.Id))
                    && documents.GetValueOrDefault((planned.Kind, planned.Id)) is { IsPayable: true } document)
                {
                    payments.Add((planned, Payment.StartFor(clients[document.ClientId], document, document.StillToPay,
                        PaymentMethod.DirectDebit, PaymentProvider.Mollie, PaymentInitiator.AutoCharge, now)));
                    document.ClaimForOnlinePayment(now);
                }
            }
            if (payments.Count == 0)
            {
                return [];
            }
            db.Payments.AddRange(payments.Select(p => p.Payment));
            await db.SaveChangesAsync(token);
            var started = payments.Select(p => (Attempt: new AutoChargeAttempt(p.Planned.Kind, p.Planned.Id, p.Planned.Number, p.Payment.Id, now), p.Payment)).ToList();
            db.AddRange(started.Select(s => s.Attempt));
            return started.Select(s => new AutoChargeDraft(s.Attempt,
                new LocalDraft(s.Payment.Id, s.Payment.Amount, s.Attempt.Description, Languages.Of(clients[s.Payment.ClientId].Language).MollieLocale), s.Payment.ClientId)).ToList();
        }, ct);
    }

    private static async Task<HashSet<(PayableKind, int, int)>> TakenAsync(InvoiceHubDbContext db, IEnumerable<(PayableKind Kind, int Id, int Number)> plan, CancellationToken ct)
    {
        var taken = new HashSet<(PayableKind, int, int)>();
        foreach (var group in plan.GroupBy(p => p.Kind))
        {
            var kind = PayableDocuments.KindKey(group.Key);
            var ids = group.Select(p => p.Id).ToList();
            var attempts = await db.Set<AutoChargeAttempt>().Where(a => a.DocumentKind == kind && ids.Contains(a.DocumentId))
                .Select(a => new { a.DocumentId, a.Attempt }).ToListAsync(ct);
            taken.UnionWith(attempts.Select(a => (group.Key, a.DocumentId, a.Attempt)));
        }
        return taken;
    }

    /// <summary>A stored attempt found again after a crash, with its local payment, to be sent with the same idempotency key.</summary>
    public async Task<AutoChargeDraft> ResumeAsync(AutoChargeAttempt attempt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == attempt.PaymentId, ct);
        var language = await db.Clients.Where(c => c.Id == payment.ClientId).Select(c => c.Language).SingleAsync(ct);
        return new AutoChargeDraft(attempt, new LocalDraft(payment.Id, payment.Amount, attempt.Description, Languages.Of(language).MollieLocale), payment.ClientId);
    }

    /// <summary>The client's Mollie customer, which the mandates belong to.</summary>
    public async Task<string> CustomerIdAsync(int clientId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MollieCustomers.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).SingleAsync(ct);
    }

    /// <summary>Mollie refused the charge outright (e.g. the mandate is no longer valid): nothing was charged, the attempt failed.</summary>
    public Task RefusedAsync(AutoChargeAttempt attempt, string error, CancellationToken ct) =>
        money.RunAsync("Auto-charge refused", async (db, token) =>
        {
            var local = await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId, token);
            local.ApplyStatus(PaymentStatus.Canceled, clock.GetUtcNow());
            await LocalPayments.CloseDocumentsAsync(db, local.Id, token);
            var stored = await db.Set<AutoChargeAttempt>().SingleAsync(a => a.Id == attempt.Id, token);
            stored.Complete(false, clock.GetUtcNow(), error);
            await NotifyIfFinalAsync(db, stored, token);
        }, ct);

    /// <summary>What Mollie answered for the batch's charges, recorded on their payments and attempts in one transaction.</summary>
    public async Task<List<AutoChargeSubmission>> RecordSubmittedAsync(IReadOnlyList<(AutoChargeAttempt Attempt, MolliePayment Created)> answered, CancellationToken ct)
    {
        if (answered.Count == 0)
        {
            return [];
        }
        return await money.RunAsync("Auto-charges submitted", async (db, token) =>
        {
            var paymentIds = answered.Select(a => a.Attempt.PaymentId).ToList();
            var attemptIds = answered.Select(a => a.Attempt.Id).ToList();
            var locals = await db.Payments.Where(p => paymentIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, token);
            var stored = await db.Set<AutoChargeAttempt>().Where(a => attemptIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, token);
            var now = clock.GetUtcNow();
            var submissions = new List<AutoChargeSubmission>();
            foreach (var (attempt, created) in answered)
            {
                var status = MollieMethods.ToPaymentStatus(created.Status);
                var outcomeKnown = status is not (PaymentStatus.Open or PaymentStatus.Pending or PaymentStatus.Authorized);
                var local = locals[attempt.PaymentId];
                if (local.ProviderPaymentId is null)
                {
                    local.AssignProviderId(created.Id);
                }
                if (!outcomeKnown && local.CanChangeTo(status))
                {
                    local.ApplyStatus(status, now);
                }
                var submitted = stored[attempt.Id];
                submitted.Submitted(created.Id);
                submissions.Add(new AutoChargeSubmission(submitted, outcomeKnown));
            }
            return submissions;
        }, ct);
    }

    /// <summary>Records the outcome of a submitted attempt once; false when another run recorded it first.</summary>
    public Task<bool> CompleteAsync(AutoChargeAttempt attempt, bool paid, string? error, CancellationToken ct) =>
        money.RunAsync("Auto-charge completed", async (db, token) =>
        {
            var stored = await db.Set<AutoChargeAttempt>().SingleAsync(a => a.Id == attempt.Id, token);
            if (stored.Status != AttemptStatus.Submitted)
            {
                return false;
            }
            stored.Complete(paid, clock.GetUtcNow(), error);
            if (!paid)
            {
                await NotifyIfFinalAsync(db, stored, token);
            }
            return true;
        }, ct);

    /// <summary>After the last attempt failed: the client and every Finance user are told, once each (outbox keys).</summary>
    private async Task NotifyIfFinalAsync(InvoiceHubDbContext db, AutoChargeAttempt attempt, CancellationToken ct)
    {
        if (attempt.Attempt < MaxAttempts)
        {
            return;
        }
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == attempt.PaymentId, ct);
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == payment.ClientId, ct);
        var document = await PayableDocuments.FindAsync(db, attempt.Kind, attempt.DocumentId, ct) ?? throw LocalPayments.NotFound();
        var key = $"autocharge-failed:{attempt.DocumentKind}:{attempt.DocumentId}";

        using (Languages.Use(client.Language))
        {
            await outbox.EnqueueAsync(db, DocumentEmails.AutoChargeFailedForClient(client.Email, client.Name, DocumentEmails.Describe(document.Kind, document.Reference),
                payment.Amount.ToString(), MaxAttempts, key + ":client").About(attempt.Kind, attempt.DocumentId), ct);
        }
        foreach (var finance in await StaffRecipients.FinanceAsync(db, ct))
        {
            using (Languages.Use(finance.Language))
            {
                await outbox.EnqueueAsync(db, DocumentEmails.AutoChargeFailedForFinance(finance.Email, client.Name, client.Email,
                    DocumentEmails.Describe(document.Kind, document.Reference), payment.Amount.ToString(), MaxAttempts, attempt.Error,
                    $"{key}:finance:{finance.Email.ToLowerInvariant()}").About(attempt.Kind, attempt.DocumentId), ct);
            }
        }
    }
}
