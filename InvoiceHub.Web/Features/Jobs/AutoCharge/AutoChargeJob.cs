using System.Collections.Concurrent;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.AutoCharge;

/// <summary>
/// With Auto-charge on in Settings, every open credit request (and open invoice, if Settings say so) of a
/// client with auto-charge on and a valid mandate at Mollie (on the client's Mollie customer, see
/// <see cref="ClientMandates"/>) gets one recurring direct debit per attempt.
/// Each attempt is first stored (<see cref="AutoChargeAttempts"/>: unique per document and attempt number, with its local
/// Payment) and only then sent to Mollie (<see cref="ChargeMandate.ToRequest"/>) with the idempotency key
/// <c>autocharge:{kind}:{id}:attempt:{n}</c>; a run after a crash resumes a stored attempt with the same key, so nothing is
/// charged twice. Charges are synced through <see cref="SettleMolliePayment.SyncAsync"/>, which settles a paid one once
/// (the credit rules). A failed charge is retried 1, 3 and 7 days after the previous failure; when the fourth fails, the
/// client and Finance are emailed.
/// </summary>
public sealed class AutoChargeJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    AutoChargeAttempts attempts,
    SettleMolliePayment settle,
    ClientMandates mandates,
    MollieClient mollie,
    SettingsService settings,
    JobsOptions options,
    TimeProvider clock,
    ILogger<AutoChargeJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<AutoChargeJob> _logger = logger;

    public override string Name => JobCatalog.AutoCharge;

    /// <summary>Batches worked on at once: their Mollie calls overlap, their database writes take turns.</summary>
    public const int Concurrency = 8;

    /// <summary>
    /// Documents per batch: one transaction stores the batch's attempts, one records what Mollie answered, instead of
    /// two per document (on SQLite every write transaction waits for the one before it).
    /// </summary>
    public const int BatchSize = 25;

    private sealed class Counters
    {
        private int _started, _paid, _failed;

        public int Started => _started;
        public int Paid => _paid;
        public int Failed => _failed;
        public ConcurrentQueue<string> Problems { get; } = new();

        public void AddStarted(int count) => Interlocked.Add(ref _started, count);
        public void AddPaid() => Interlocked.Increment(ref _paid);
        public void AddFailed() => Interlocked.Increment(ref _failed);
    }

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        settings.Invalidate();
        var current = await settings.GetAsync(cancellationToken);
        var counters = new Counters();

        // Attempts already under way are followed up even if auto-charge was switched off since.
        var documents = await attempts.UnderWayAsync(cancellationToken);
        IReadOnlyDictionary<int, ChargeableMandate> customers = new Dictionary<int, ChargeableMandate>();
        if (current.AutoCharge)
        {
            customers = await ClientsWithValidMandateAsync(counters.Problems, cancellationToken);
            documents.AddRange(await ChargeableAsync(customers.Keys.ToList(), current.AutoChargeInvoices, cancellationToken));
        }

        var todo = documents.Distinct().ToList();
        var lastAttempts = await attempts.LastAsync(todo, cancellationToken);
        await Parallel.ForEachAsync(todo.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            try
            {
                await ProcessBatchAsync(batch, lastAttempts, current, customers, counters, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The batch's attempts that were stored are resumed by the next run with the same idempotency keys.
                counters.Problems.Enqueue($"{batch.Length} documents from {PayableDocuments.KindKey(batch[0].Kind)} {batch[0].Id}: {ex.Message}");
            }
        });

        var summary = current.AutoCharge ? $"{counters.Started} charges started, {counters.Paid} paid, {counters.Failed} failed" : "Auto-charge is off in Settings.";
        return new JobResult(counters.Started + counters.Paid + counters.Failed, [.. counters.Problems], summary);
    }

    /// <summary>The open credit requests (and, if Settings say so, open invoices) of <paramref name="clients"/>.</summary>
    private async Task<List<(PayableKind Kind, int Id)>> ChargeableAsync(List<int> clients, bool invoicesToo, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var requests = await db.CreditRequests.AsNoTracking()
            .Where(r => r.Status == CreditRequestStatus.Open && clients.Contains(r.ClientId))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var invoices = !invoicesToo ? [] : await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Open && i.TotalMinor > i.AmountPaidMinor && clients.Contains(i.ClientId))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        return [.. requests.Select(id => (PayableKind.CreditRequest, id)), .. invoices.Select(id => (PayableKind.Invoice, id))];
    }

    /// <summary>
    /// Clients with auto-charge on whose Mollie customer (the one the mandates API and Take Payment use)
    /// has a valid mandate at Mollie right now, with that customer's id; mandates are never copied into InvoiceHub. A
    /// client whose mandates Mollie cannot list now is left for the next run and reported. The lists are asked for
    /// <see cref="Concurrency"/> at a time.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, ChargeableMandate>> ClientsWithValidMandateAsync(ConcurrentQueue<string> problems, CancellationToken ct)
    {
        List<int> clients;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            clients = await db.Clients.Where(c => c.AutoCharge)
                .Where(c => db.MollieCustomers.Any(m => m.ClientId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        }
        var valid = new ConcurrentDictionary<int, ChargeableMandate>();
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (clientId, token) =>
        {
            try
            {
                if (await mandates.ChargeableMandatesAsync(clientId, token) is ({ } customerId, [var newest, ..]))
                {
                    valid[clientId] = new ChargeableMandate(customerId, newest.Id);
                }
            }
            catch (MollieException ex)
            {
                problems.Enqueue($"client {clientId}: Mollie did not list the mandates ({ex.Message})");
            }
        });
        return valid;
    }

    private async Task ProcessBatchAsync((PayableKind Kind, int Id)[] batch, IReadOnlyDictionary<(PayableKind Kind, int Id), AutoChargeAttempt> lastAttempts,
        SettingsSnapshot current, IReadOnlyDictionary<int, ChargeableMandate> customers, Counters counters, CancellationToken ct)
    {
        var plan = new List<(PayableKind Kind, int Id, int Number)>();
        var resumed = new List<AutoChargeAttempt>();
        foreach (var (kind, id) in batch)
        {
            var last = lastAttempts.GetValueOrDefault((kind, id));
            switch (last?.Status)
            {
                case AttemptStatus.Submitted:
                    await IsolatedAsync(last, counters, () => FollowUpAsync(last, counters, ct));
                    break;
                case AttemptStatus.Started:
                    resumed.Add(last);
                    break;
                case AttemptStatus.Failed when current.AutoCharge && last.Attempt < AutoChargeAttempts.MaxAttempts
                                               && _clock.GetUtcNow() >= last.CompletedAt!.Value.AddDays(AutoChargeAttempts.RetryDelayDays[last.Attempt - 1]):
                    plan.Add((kind, id, last.Attempt + 1));
                    break;
                case null when current.AutoCharge:
                    plan.Add((kind, id, 1));
                    break;
            }
        }

        var started = await attempts.StartAsync(plan, ct);
        counters.AddStarted(started.Count);
        var answered = new List<(AutoChargeAttempt Attempt, MolliePayment Created)>();
        foreach (var attempt in resumed)
        {
            await IsolatedAsync(attempt, counters, async () => answered.Add((attempt, await SubmitAsync(await attempts.ResumeAsync(attempt, ct), customers, ct))));
        }
        foreach (var draft in started)
        {
            await IsolatedAsync(draft.Attempt, counters, async () => answered.Add((draft.Attempt, await SubmitAsync(draft, customers, ct))));
        }

        // A charge still pending at Mollie (a direct debit, for days) is followed up by its webhook or the next run; one
        // Mollie already decided is settled now.
        foreach (var submission in await attempts.RecordSubmittedAsync(answered, ct))
        {
            if (submission.OutcomeKnown)
            {
                await IsolatedAsync(submission.Attempt, counters, () => FollowUpAsync(submission.Attempt, counters, ct));
            }
        }
    }

    /// <summary>One document's step; its failure is reported and leaves the rest of the batch going.</summary>
    private static async Task IsolatedAsync(AutoChargeAttempt attempt, Counters counters, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            counters.Problems.Enqueue($"{attempt.DocumentKind} {attempt.DocumentId}: {ex.Message}");
        }
    }

    /// <summary>Sends a stored attempt to Mollie; repeating it (after a crash) replays the same payment thanks to the idempotency key.</summary>
    private async Task<MolliePayment> SubmitAsync(AutoChargeDraft draft, IReadOnlyDictionary<int, ChargeableMandate> customers, CancellationToken ct)
    {
        var attempt = draft.Attempt;
        var chosen = customers.GetValueOrDefault(draft.ClientId);
        var customerId = chosen?.CustomerId ?? await attempts.CustomerIdAsync(draft.ClientId, ct);
        var webhook = new Uri(new Uri(options.PublicBaseUrl), PaymentPaths.Webhook);
        try
        {
            // The newest valid mandate not on hold after a chargeback; an attempt resumed after a crash without one
            // names none, so Mollie charges the customer's newest valid mandate, as before.
            return await mollie.CreateRecurringPaymentAsync(
                ChargeMandate.ToRequest(draft.Payment, customerId, chosen?.MandateId, webhook) with { Metadata = attempt.Metadata },
                attempt.IdempotencyKey, ct);
        }
        catch (MollieException ex) when (ex.Status is >= 400 and < 500)
        {
            await attempts.RefusedAsync(attempt, ex.Message, ct);
            throw new InvalidOperationException($"Mollie refused the charge: {ex.Message}", ex);
        }
    }

    private async Task FollowUpAsync(AutoChargeAttempt attempt, Counters counters, CancellationToken ct)
    {
        var outcome = await settle.SyncAsync(attempt.ProviderPaymentId!, ct);
        if (outcome.Status is not ({ } status and (PaymentStatus.Paid or PaymentStatus.Failed or PaymentStatus.Canceled or PaymentStatus.Expired)))
        {
            return;
        }
        var paid = status == PaymentStatus.Paid;
        await attempts.CompleteAsync(attempt, paid, paid ? null : $"Mollie reports the charge {status}.", ct);
        if (paid)
        {
            counters.AddPaid();
        }
        else
        {
            counters.AddFailed();
            _logger.LogWarning("Auto-charge {Key} failed ({Status})", attempt.IdempotencyKey, status);
        }
    }
}

/// <summary>The Mollie customer of a client and the mandate auto-charge charges: the newest valid one not on hold.</summary>
internal sealed record ChargeableMandate(string CustomerId, string MandateId);
