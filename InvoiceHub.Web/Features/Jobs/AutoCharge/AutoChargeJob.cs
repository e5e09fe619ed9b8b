using System.Net;
using System.Text.Json;
using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace InvoiceHub.Web.Features.Jobs.AutoCharge;

/// <summary>
/// With Auto-charge on in Settings, every open credit request (and open invoice, if Settings say so) of a
/// client with auto-charge on and a valid mandate at Mollie (on the client's Mollie customer, see
/// <see cref="ClientMandates"/>) gets one recurring direct debit per attempt.
/// Each attempt is first stored (unique per document and attempt number, with its local Payment) and only then
/// sent to Mollie with the idempotency key <c>autocharge:{kind}:{id}:attempt:{n}</c>; a run after a crash
/// resumes a stored attempt with the same key, so nothing is charged twice. Charges are synced through
/// <see cref="SettleMolliePayment.SyncAsync"/>, which settles a paid one once (the credit rules). A failed charge is
/// retried 1, 3 and 7 days after the previous failure; when the fourth fails, the client and Finance are emailed.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AutoChargeJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    IServiceScopeFactory scopes,
    MoneyTransaction money,
    SettingsService settings,
    EmailOutbox outbox,
    JobsOptions options,
    TimeProvider clock,
    ILogger<AutoChargeJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    public const string CreditRequestKind = "credit-request";
    public const string InvoiceKind = "invoice";

    /// <summary>Days after a failed attempt before the next one; after the last, nobody is charged again automatically.</summary>
    public static readonly int[] RetryDelayDays = [1, 3, 7];

    public static int MaxAttempts => RetryDelayDays.Length + 1;

    private static readonly PaymentStatus[] StillOpen = [PaymentStatus.Open, PaymentStatus.Pending, PaymentStatus.Authorized];

    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<AutoChargeJob> _logger = logger;

    protected override string Name => JobCatalog.AutoCharge;

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
        public System.Collections.Concurrent.ConcurrentQueue<string> Problems { get; } = new();

        public void AddStarted(int count) => Interlocked.Add(ref _started, count);
        public void AddPaid() => Interlocked.Increment(ref _paid);
        public void AddFailed() => Interlocked.Increment(ref _failed);
    }

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        settings.Invalidate();
        var current = await settings.GetAsync(cancellationToken);
        var counters = new Counters();
        await using var scope = scopes.CreateAsyncScope();
        var mollie = scope.ServiceProvider.GetRequiredService<MollieClient>();
        var payments = scope.ServiceProvider.GetRequiredService<SettleMolliePayment>();

        // Attempts already under way are followed up even if auto-charge was switched off since.
        List<(string Kind, int Id)> documents;
        IReadOnlyDictionary<int, string> customers = new Dictionary<int, string>();
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            documents = (await db.Set<AutoChargeAttempt>().AsNoTracking()
                    .Where(a => a.Status == AttemptStatus.Started || a.Status == AttemptStatus.Submitted)
                    .Select(a => new { a.DocumentKind, a.DocumentId }).ToListAsync(cancellationToken))
                .Select(a => (a.DocumentKind, a.DocumentId)).ToList();
            if (current.AutoCharge)
            {
                customers = await ClientsWithValidMandateAsync(db, scope.ServiceProvider.GetRequiredService<ClientMandates>(), counters.Problems, cancellationToken);
                var clients = customers.Keys.ToList();
                var requests = await db.CreditRequests.AsNoTracking()
                    .Where(r => r.Status == CreditRequestStatus.Open && clients.Contains(r.ClientId))
                    .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
                documents.AddRange(requests.Select(id => (CreditRequestKind, id)));
                if (current.AutoChargeInvoices)
                {
                    var invoices = await db.Invoices.AsNoTracking()
                        .Where(i => i.Status == InvoiceStatus.Open && i.TotalMinor > i.AmountPaidMinor && clients.Contains(i.ClientId))
                        .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
                    documents.AddRange(invoices.Select(id => (InvoiceKind, id)));
                }
            }
        }

        var todo = documents.Distinct().ToList();
        var lastAttempts = await LastAttemptsAsync(todo, cancellationToken);
        await Parallel.ForEachAsync(todo.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            try
            {
                await ProcessBatchAsync(batch, lastAttempts, current, mollie, payments, customers, counters, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The batch's attempts that were stored are resumed by the next run with the same idempotency keys.
                counters.Problems.Enqueue($"{batch.Length} documents from {batch[0].Kind} {batch[0].Id}: {ex.Message}");
            }
        });

        var summary = current.AutoCharge ? $"{counters.Started} charges started, {counters.Paid} paid, {counters.Failed} failed" : "Auto-charge is off in Settings.";
        return new JobResult(counters.Started + counters.Paid + counters.Failed, [.. counters.Problems], summary);
    }

    /// <summary>
    /// Clients with auto-charge on whose Mollie customer (the one the mandates API and Take Payment use)
    /// has a valid mandate at Mollie right now, with that customer's id; mandates are never copied into InvoiceHub. A
    /// client whose mandates Mollie cannot list now is left for the next run and reported. The lists are asked for
    /// <see cref="Concurrency"/> at a time.
    /// </summary>
    private static async Task<IReadOnlyDictionary<int, string>> ClientsWithValidMandateAsync(InvoiceHubDbContext db, ClientMandates mandates, System.Collections.Concurrent.ConcurrentQueue<string> problems, CancellationToken ct)
    {
        var customers = await db.Clients.Where(c => c.AutoCharge)
            .Where(c => db.MollieCustomers.Any(m => m.ClientId == c.Id))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var valid = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (clientId, token) =>
        {
            try
            {
                if (await mandates.ValidMandatesAsync(clientId, token) is ({ } customerId, { Count: > 0 }))
                {
                    valid[clientId] = customerId;
                }
            }
            catch (MollieException ex)
            {
                problems.Enqueue($"client {clientId}: Mollie did not list the mandates ({ex.Message})");
            }
        });
        return valid;
    }

    /// <summary>The latest attempt of each document, read in a few queries instead of one per document.</summary>
    private async Task<Dictionary<(string Kind, int Id), AutoChargeAttempt>> LastAttemptsAsync(List<(string Kind, int Id)> documents, CancellationToken ct)
    {
        var last = new Dictionary<(string, int), AutoChargeAttempt>();
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        foreach (var group in documents.GroupBy(d => d.Kind))
        {
            var kind = group.Key;
            foreach (var chunk in group.Select(d => d.Id).Chunk(1000))
            {
                var attempts = await db.Set<AutoChargeAttempt>().AsNoTracking()
                    .Where(a => a.DocumentKind == kind && chunk.Contains(a.DocumentId)).ToListAsync(ct);
                foreach (var attempt in attempts)
                {
                    if (!last.TryGetValue((kind, attempt.DocumentId), out var seen) || seen.Attempt < attempt.Attempt)
                    {
                        last[(kind, attempt.DocumentId)] = attempt;
                    }
                }
            }
        }
        return last;
    }

    private async Task ProcessBatchAsync((string Kind, int Id)[] batch, IReadOnlyDictionary<(string Kind, int Id), AutoChargeAttempt> lastAttempts,
        SettingsSnapshot current, MollieClient mollie, SettleMolliePayment payments, IReadOnlyDictionary<int, string> customers, Counters counters, CancellationToken ct)
    {
        var plan = new List<(string Kind, int Id, int Number)>();
        var resumed = new List<AutoChargeAttempt>();
        foreach (var (kind, id) in batch)
        {
            var last = lastAttempts.GetValueOrDefault((kind, id));
            switch (last?.Status)
            {
                case AttemptStatus.Submitted:
                    await IsolatedAsync(kind, id, counters, () => FollowUpAsync(last, payments, counters, ct));
                    break;
                case AttemptStatus.Started:
                    resumed.Add(last);
                    break;
                case AttemptStatus.Failed when current.AutoCharge && last.Attempt < MaxAttempts
                                               && _clock.GetUtcNow() >= last.CompletedAt!.Value.AddDays(RetryDelayDays[last.Attempt - 1]):
                    plan.Add((kind, id, last.Attempt + 1));
                    break;
                case null when current.AutoCharge:
                    plan.Add((kind, id, 1));
                    break;
            }
        }

        var started = await StartAsync(plan, ct);
        counters.AddStarted(started.Count);
        var answered = new List<(AutoChargeAttempt Attempt, MolliePayment Created)>();
        foreach (var (attempt, payment) in resumed.Select(a => (a, (Payment?)null)).Concat(started.Select(s => (s.Attempt, (Payment?)s.Payment))))
        {
            await IsolatedAsync(attempt.DocumentKind, attempt.DocumentId, counters, async () =>
                answered.Add((attempt, await SubmitAsync(attempt, mollie, ct, payment, payment is null ? null : customers.GetValueOrDefault(payment.ClientId)))));
        }

        // A charge still pending at Mollie (a direct debit, for days) is followed up by its webhook or the next run; one
        // Mollie already decided is settled now.
        foreach (var submission in await RecordSubmittedAsync(answered, ct))
        {
            if (submission.OutcomeKnown)
            {
                await IsolatedAsync(submission.Attempt.DocumentKind, submission.Attempt.DocumentId, counters, () => FollowUpAsync(submission.Attempt, payments, counters, ct));
            }
        }
    }

    /// <summary>One document's step; its failure is reported and leaves the rest of the batch going.</summary>
    private static async Task IsolatedAsync(string kind, int id, Counters counters, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            counters.Problems.Enqueue($"{kind} {id}: {ex.Message}");
        }
    }

    private sealed record Submission(AutoChargeAttempt Attempt, bool OutcomeKnown);

    /// <summary>
    /// Stores attempt n of each planned document with its local payment, in one transaction; documents that are not
    /// chargeable (any more), already have that attempt, or have an open Mollie payment are left out.
    /// </summary>
    private async Task<List<(AutoChargeAttempt Attempt, Payment Payment)>> StartAsync(List<(string Kind, int Id, int Number)> plan, CancellationToken ct)
    {
        if (plan.Count == 0)
        {
            return [];
        }
        return await money.RunAsync("Start auto-charges", async (db, token) =>
        {
            var now = _clock.GetUtcNow();
            var payments = new List<(string Kind, int Id, int Number, Payment Payment)>();
            foreach (var group in plan.GroupBy(p => p.Kind))
            {
                var kind = group.Key;
                var ids = group.Select(p => p.Id).ToList();
                var taken = (await db.Set<AutoChargeAttempt>().Where(a => a.DocumentKind == kind && ids.Contains(a.DocumentId))
                    .Select(a => new { a.DocumentId, a.Attempt }).ToListAsync(token)).Select(a => (a.DocumentId, a.Attempt)).ToHashSet();
                var mollieOpen = db.Payments.Where(p => p.Provider == PaymentProvider.Mollie && StillOpen.Contains(p.Status));
                if (kind == InvoiceKind)
                {
                    var invoices = await db.Invoices.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, token);
                    var busy = (await mollieOpen.Where(p => ids.Contains(p.InvoiceId!.Value)).Select(p => p.InvoiceId!.Value).ToListAsync(token)).ToHashSet();
                    var clients = await ClientsAsync(db, invoices.Values.Select(i => i.ClientId), token);
                    foreach (var (_, id, number) in group)
                    {
                        if (!taken.Contains((id, number)) && !busy.Contains(id) && invoices.GetValueOrDefault(id) is { Status: InvoiceStatus.Open, StillToPayMinor: > 0 } invoice)
                        {
                            payments.Add((kind, id, number, Payment.Start(clients[invoice.ClientId], invoice.StillToPay, PaymentMethod.DirectDebit, PaymentProvider.Mollie,
                                PaymentInitiator.AutoCharge, now, forInvoice: invoice)));
                        }
                    }
                }
                else
                {
                    var requests = await db.CreditRequests.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, token);
                    var busy = (await mollieOpen.Where(p => ids.Contains(p.CreditRequestId!.Value)).Select(p => p.CreditRequestId!.Value).ToListAsync(token)).ToHashSet();
                    var clients = await ClientsAsync(db, requests.Values.Select(r => r.ClientId), token);
                    foreach (var (_, id, number) in group)
                    {
                        if (!taken.Contains((id, number)) && !busy.Contains(id) && requests.GetValueOrDefault(id) is { Status: CreditRequestStatus.Open } request)
                        {
                            payments.Add((kind, id, number, Payment.Start(clients[request.ClientId], request.Amount, PaymentMethod.DirectDebit, PaymentProvider.Mollie,
                                PaymentInitiator.AutoCharge, now, forCreditRequest: request)));
                        }
                    }
                }
            }
            if (payments.Count == 0)
            {
                return [];
            }
            db.Payments.AddRange(payments.Select(p => p.Payment));
            await db.SaveChangesAsync(token);
            var started = payments.Select(p => (new AutoChargeAttempt(p.Kind, p.Id, p.Number, p.Payment.Id, now), p.Payment)).ToList();
            db.AddRange(started.Select(s => s.Item1));
            return started;
        }, ct);
    }

    private static async Task<Dictionary<int, Domain.Clients.Client>> ClientsAsync(InvoiceHubDbContext db, IEnumerable<int> clientIds, CancellationToken ct)
    {
        var ids = clientIds.Distinct().ToList();
        return await db.Clients.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
    }

    /// <summary>
    /// Sends a stored attempt to Mollie; repeating it (after a crash) replays the same payment thanks to the idempotency key.
    /// The payment and customer just stored and looked up come along; a resumed attempt reads them.
    /// </summary>
    private async Task<MolliePayment> SubmitAsync(AutoChargeAttempt attempt, MollieClient mollie, CancellationToken ct, Payment? payment = null, string? customerId = null)
    {
        if (payment is null || customerId is null)
        {
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            payment ??= await db.Payments.AsNoTracking().SingleAsync(p => p.Id == attempt.PaymentId, ct);
            var clientId = payment.ClientId;
            customerId = await db.MollieCustomers.AsNoTracking().Where(c => c.ClientId == clientId).Select(c => c.CustomerId).SingleAsync(ct);
        }

        try
        {
            return await mollie.CreateRecurringPaymentAsync(new CreateRecurringPaymentRequest
            {
                Amount = new MollieAmount(payment.Currency.Code, payment.Amount.ToDecimalString()),
                Description = (attempt.DocumentKind == InvoiceKind ? "Invoice " : "Credit request ") + attempt.DocumentId + " (automatic charge)",
                // No mandate id: Mollie charges the customer's newest valid mandate, however it was created.
                CustomerId = customerId,
                WebhookUrl = new Uri(new Uri(options.PublicBaseUrl), PaymentPaths.Webhook).ToString(),
                Metadata = JsonSerializer.SerializeToElement(new { paymentId = payment.Id, autoCharge = attempt.IdempotencyKey }),
            }, attempt.IdempotencyKey, ct);
        }
        catch (MollieException ex) when (ex.Status is >= 400 and < 500)
        {
            // Refused outright (e.g. the mandate is no longer valid): this attempt failed, nothing was charged.
            await money.RunAsync("Auto-charge refused", async (db, token) =>
            {
                var local = await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId, token);
                local.ApplyStatus(PaymentStatus.Canceled, _clock.GetUtcNow());
                var stored = await db.Set<AutoChargeAttempt>().SingleAsync(a => a.Id == attempt.Id, token);
                stored.Complete(false, _clock.GetUtcNow(), ex.Message);
                await NotifyIfFinalAsync(db, stored, token);
            }, ct);
            throw new InvalidOperationException($"Mollie refused the charge: {ex.Message}", ex);
        }
    }

    /// <summary>What Mollie answered for the batch's charges, recorded on their payments and attempts in one transaction.</summary>
    private async Task<List<Submission>> RecordSubmittedAsync(List<(AutoChargeAttempt Attempt, MolliePayment Created)> answered, CancellationToken ct)
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
            var now = _clock.GetUtcNow();
            var submissions = new List<Submission>();
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
                submissions.Add(new Submission(submitted, outcomeKnown));
            }
            return submissions;
        }, ct);
    }

    private async Task FollowUpAsync(AutoChargeAttempt attempt, SettleMolliePayment payments, Counters counters, CancellationToken ct)
    {
        var outcome = await payments.SyncAsync(attempt.ProviderPaymentId!, ct);
        if (outcome.Status is not ({ } status and (PaymentStatus.Paid or PaymentStatus.Failed or PaymentStatus.Canceled or PaymentStatus.Expired)))
        {
            return;
        }
        var paid = status == PaymentStatus.Paid;
        await money.RunAsync("Auto-charge completed", async (db, token) =>
        {
            var stored = await db.Set<AutoChargeAttempt>().SingleAsync(a => a.Id == attempt.Id, token);
            if (stored.Status != AttemptStatus.Submitted)
            {
                return;
            }
            stored.Complete(paid, _clock.GetUtcNow(), paid ? null : $"Mollie reports the charge {status}.");
            if (!paid)
            {
                await NotifyIfFinalAsync(db, stored, token);
            }
        }, ct);
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

    /// <summary>After the last attempt failed: the client and every Finance user are told, once each (outbox keys).</summary>
    private async Task NotifyIfFinalAsync(InvoiceHubDbContext db, AutoChargeAttempt attempt, CancellationToken ct)
    {
        if (attempt.Attempt < MaxAttempts)
        {
            return;
        }
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == attempt.PaymentId, ct);
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == payment.ClientId, ct);
        var what = attempt.DocumentKind == InvoiceKind
            ? "invoice " + (await db.Invoices.AsNoTracking().Where(i => i.Id == attempt.DocumentId).Select(i => i.Number).SingleAsync(ct))
            : InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(attempt.DocumentId);
        var amount = payment.Amount.ToString();
        var key = $"autocharge-failed:{attempt.DocumentKind}:{attempt.DocumentId}";
        var document = attempt.DocumentKind == InvoiceKind ? PayableKind.Invoice : PayableKind.CreditRequest;

        var clientText = $"Dear {client.Name},\n\nWe could not collect {amount} for {what} from your account by direct debit after {MaxAttempts} attempts. Please pay it another way or contact us.\n";
        await outbox.EnqueueAsync(db, new EmailMessage(client.Email, $"We could not collect the payment for {what}",
            $"<p>Dear {Encode(client.Name)},</p><p>We could not collect {Encode(amount)} for {Encode(what)} from your account by direct debit after {MaxAttempts} attempts. Please pay it another way or contact us.</p>",
            clientText, "auto-charge-failed", key + ":client").About(document, attempt.DocumentId), ct);

        var finance = await (from user in db.Users
                             join userRole in db.UserRoles on user.Id equals userRole.UserId
                             join role in db.Roles on userRole.RoleId equals role.Id
                             where role.Name == Roles.Finance && user.Email != null
                             select user.Email!).Distinct().ToListAsync(ct);
        foreach (var email in finance)
        {
            var text = $"Auto-charge gave up on {what} of {client.Name} ({client.Email}): {MaxAttempts} direct debits of {amount} failed. Last: {attempt.Error}";
            await outbox.EnqueueAsync(db, new EmailMessage(email, $"Auto-charge failed: {what} of {client.Name}",
                $"<p>{Encode(text)}</p>", text, "auto-charge-failed", $"{key}:finance:{email.ToLowerInvariant()}").About(document, attempt.DocumentId), ct);
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
