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
/// client with auto-charge on and a valid Mollie mandate gets one recurring direct debit per attempt.
/// Each attempt is first stored (unique per document and attempt number, with its local Payment) and only then
/// sent to Mollie with the idempotency key <c>autocharge:{kind}:{id}:attempt:{n}</c>; a run after a crash
/// resumes a stored attempt with the same key, so nothing is charged twice. Charges are synced through
/// <see cref="OnlinePayments.SyncAsync"/>, which settles a paid one once (the credit rules). A failed charge is
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

    private sealed record Counters
    {
        public int Started { get; set; }
        public int Paid { get; set; }
        public int Failed { get; set; }
        public List<string> Problems { get; } = [];
    }

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        settings.Invalidate();
        var current = await settings.GetAsync(cancellationToken);
        var counters = new Counters();
        await using var scope = scopes.CreateAsyncScope();
        var mollie = scope.ServiceProvider.GetRequiredService<MollieClient>();
        var payments = scope.ServiceProvider.GetRequiredService<OnlinePayments>();

        // Attempts already under way are followed up even if auto-charge was switched off since.
        List<(string Kind, int Id)> documents;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            documents = (await db.Set<AutoChargeAttempt>().AsNoTracking()
                    .Where(a => a.Status == AttemptStatus.Started || a.Status == AttemptStatus.Submitted)
                    .Select(a => new { a.DocumentKind, a.DocumentId }).ToListAsync(cancellationToken))
                .Select(a => (a.DocumentKind, a.DocumentId)).ToList();
            if (current.AutoCharge)
            {
                var clients = db.Clients.Where(c => c.AutoCharge)
                    .Where(c => db.Set<MollieMandateLink>().Any(m => m.ClientId == c.Id && m.MandateStatus == MollieMandateLink.Valid))
                    .Select(c => c.Id);
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

        foreach (var (kind, id) in documents.Distinct())
        {
            try
            {
                await ProcessAsync(kind, id, current, mollie, payments, counters, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                counters.Problems.Add($"{kind} {id}: {ex.Message}");
            }
        }

        var summary = current.AutoCharge ? $"{counters.Started} charges started, {counters.Paid} paid, {counters.Failed} failed" : "Auto-charge is off in Settings.";
        return new JobResult(counters.Started + counters.Paid + counters.Failed, counters.Problems, summary);
    }

    private async Task ProcessAsync(string kind, int id, SettingsSnapshot current, MollieClient mollie, OnlinePayments payments, Counters counters, CancellationToken ct)
    {
        AutoChargeAttempt? last;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            last = await db.Set<AutoChargeAttempt>().AsNoTracking()
                .Where(a => a.DocumentKind == kind && a.DocumentId == id)
                .OrderByDescending(a => a.Attempt).FirstOrDefaultAsync(ct);
        }

        switch (last?.Status)
        {
            case AttemptStatus.Paid:
                return;
            case AttemptStatus.Started:
                last = await SubmitAsync(last, mollie, ct);
                break;
            case AttemptStatus.Failed:
                if (!current.AutoCharge || last.Attempt >= MaxAttempts || _clock.GetUtcNow() < last.CompletedAt!.Value.AddDays(RetryDelayDays[last.Attempt - 1]))
                {
                    return;
                }
                last = await StartAsync(kind, id, last.Attempt + 1, mollie, counters, ct);
                break;
            case null:
                if (!current.AutoCharge)
                {
                    return;
                }
                last = await StartAsync(kind, id, 1, mollie, counters, ct);
                break;
        }

        if (last is { Status: AttemptStatus.Submitted })
        {
            await FollowUpAsync(last, payments, counters, ct);
        }
    }

    /// <summary>Stores attempt n with its local payment, then asks Mollie. Null when the document is not chargeable (any more).</summary>
    private async Task<AutoChargeAttempt?> StartAsync(string kind, int id, int number, MollieClient mollie, Counters counters, CancellationToken ct)
    {
        var attempt = await money.RunAsync("Start auto-charge", async (db, token) =>
        {
            if (await db.Set<AutoChargeAttempt>().AnyAsync(a => a.DocumentKind == kind && a.DocumentId == id && a.Attempt == number, token))
            {
                return null;
            }
            var mollieOpen = db.Payments.Where(p => p.Provider == PaymentProvider.Mollie && StillOpen.Contains(p.Status));
            var now = _clock.GetUtcNow();
            Payment payment;
            if (kind == InvoiceKind)
            {
                var invoice = await db.Invoices.SingleAsync(i => i.Id == id, token);
                if (invoice.Status != InvoiceStatus.Open || invoice.StillToPayMinor <= 0 || await mollieOpen.AnyAsync(p => p.InvoiceId == id, token))
                {
                    return null;
                }
                var client = await db.Clients.SingleAsync(c => c.Id == invoice.ClientId, token);
                payment = Payment.Start(client, invoice.StillToPay, PaymentMethod.DirectDebit, PaymentProvider.Mollie, PaymentInitiator.AutoCharge, now, forInvoice: invoice);
            }
            else
            {
                var request = await db.CreditRequests.SingleAsync(r => r.Id == id, token);
                if (request.Status != CreditRequestStatus.Open || await mollieOpen.AnyAsync(p => p.CreditRequestId == id, token))
                {
                    return null;
                }
                var client = await db.Clients.SingleAsync(c => c.Id == request.ClientId, token);
                payment = Payment.Start(client, request.Amount, PaymentMethod.DirectDebit, PaymentProvider.Mollie, PaymentInitiator.AutoCharge, now, forCreditRequest: request);
            }
            db.Payments.Add(payment);
            await db.SaveChangesAsync(token);
            var attempt = new AutoChargeAttempt(kind, id, number, payment.Id, now);
            db.Add(attempt);
            return attempt;
        }, ct);
        if (attempt is null)
        {
            return null;
        }
        counters.Started++;
        return await SubmitAsync(attempt, mollie, ct);
    }

    /// <summary>Sends a stored attempt to Mollie; repeating it (after a crash) replays the same payment thanks to the idempotency key.</summary>
    private async Task<AutoChargeAttempt> SubmitAsync(AutoChargeAttempt attempt, MollieClient mollie, CancellationToken ct)
    {
        Payment payment;
        MollieMandateLink mandate;
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == attempt.PaymentId, ct);
            mandate = await db.Set<MollieMandateLink>().AsNoTracking().SingleAsync(m => m.ClientId == payment.ClientId, ct);
        }

        MolliePayment created;
        try
        {
            created = await mollie.CreateRecurringPaymentAsync(new CreateRecurringPaymentRequest
            {
                Amount = new MollieAmount(payment.Currency.Code, payment.Amount.ToDecimalString()),
                Description = (attempt.DocumentKind == InvoiceKind ? "Invoice " : "Credit request ") + attempt.DocumentId + " (automatic charge)",
                CustomerId = mandate.CustomerId,
                MandateId = mandate.MandateId,
                WebhookUrl = new Uri(new Uri(options.PublicBaseUrl), OnlinePayments.WebhookPath).ToString(),
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

        return await money.RunAsync("Auto-charge submitted", async (db, token) =>
        {
            var local = await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId, token);
            if (local.ProviderPaymentId is null)
            {
                local.AssignProviderId(created.Id);
            }
            var stored = await db.Set<AutoChargeAttempt>().SingleAsync(a => a.Id == attempt.Id, token);
            stored.Submitted(created.Id);
            return stored;
        }, ct);
    }

    private async Task FollowUpAsync(AutoChargeAttempt attempt, OnlinePayments payments, Counters counters, CancellationToken ct)
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
            counters.Paid++;
        }
        else
        {
            counters.Failed++;
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
            : OnlinePayments.CreditRequestNumber(attempt.DocumentId);
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
