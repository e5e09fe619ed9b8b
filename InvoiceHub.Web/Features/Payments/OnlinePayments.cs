using System.Text.Json;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>Where to send the payer, and the local payment that tracks it.</summary>
public sealed record StartedPayment(int PaymentId, string CheckoutUrl, bool Reused);

/// <summary>What a sync found: the local payment (null for an id we never issued), its status, whether this call settled it.</summary>
public sealed record SyncOutcome(int? PaymentId, PaymentStatus? Status, bool Settled)
{
    public static readonly SyncOutcome Unknown = new(null, null, false);
}

/// <summary>A payment that cannot be started; the message is meant for the payer.</summary>
public sealed class PaymentRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Online payment of one invoice or credit request through Mollie's hosted checkout. The local Payment is
/// written before Mollie is asked (its id is the idempotency key), and Mollie's word is only ever taken
/// from Mollie itself: webhooks and return pages merely say "look at tr_…". Settling happens once per payment
/// (status transitions, <see cref="Payment.IsRecorded"/> and the aggregates' Version tokens).
/// </summary>
public sealed class OnlinePayments(
    MoneyTransaction money,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    SettingsService settings,
    PaymentRefunds refunds,
    ClientMandates mandates,
    TimeProvider clock,
    ILogger<OnlinePayments> logger)
{
    public const string WebhookPath = "/api/v1/webhooks/mollie";

    /// <summary>
    /// Longer than the Mollie client's whole retry budget: a payment without a Mollie id that is younger may still be
    /// getting its checkout page for another request, and is not cancelled under it.
    /// </summary>
    public static readonly TimeSpan UnsentPaymentGivenUpAfter = TimeSpan.FromMinutes(3);

    private static readonly PaymentStatus[] StillOpen = [PaymentStatus.Open, PaymentStatus.Pending];

    public static string ReturnPath(int paymentId) => $"/payments/{paymentId}/return";

    /// <param name="publicBaseUri">The app's public address (e.g. <c>NavigationManager.BaseUri</c>); the return and webhook URLs are built on it.</param>
    public Task<StartedPayment> StartAsync(
        PayableKind documentKind,
        int documentId,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        CancellationToken cancellationToken = default) =>
        StartAsync(documentKind, documentId, method, initiatedBy, publicBaseUri, paymentLinkToken: null, cancellationToken);

    /// <param name="paymentLinkToken">When the payer came through a payment link: the return page then leads back to it.</param>
    /// <param name="amount">
    /// Less than the invoice still needs, where partial online payments are allowed (see <see cref="PartialAmountProblem"/>);
    /// null pays it all.
    /// </param>
    /// <param name="saveForFutureCharges">
    /// The payer accepted the offer to keep the card (or, for iDEAL, a SEPA direct debit mandate) for future charges:
    /// the payment becomes Mollie's <c>first</c> payment on the client's customer, whose mandate auto-charge then uses.
    /// </param>
    public async Task<StartedPayment> StartAsync(
        PayableKind documentKind,
        int documentId,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        string? paymentLinkToken,
        CancellationToken cancellationToken = default,
        Money? amount = null,
        bool saveForFutureCharges = false)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var current = await settings.GetAsync(cancellationToken);
        if (!current.OnlineInvoicePayment)
        {
            throw new PaymentRefusedException("Online payment is switched off. Please contact us to pay this document.");
        }

        await SettleStaleSeveralAsync(documentKind, documentId, cancellationToken);
        var reused = await ReuseOpenPaymentAsync(documentKind, documentId, cancellationToken, amount);
        if (reused is not null)
        {
            return reused;
        }

        var draft = await money.RunAsync("Start online payment", (db, ct) => CreateLocalPaymentAsync(db, documentKind, documentId, method, initiatedBy, ct, current, amount), cancellationToken);
        var customerId = saveForFutureCharges ? await FirstPaymentCustomerAsync(draft, cancellationToken) : null;
        return await SendToMollieAsync(draft, method, publicBaseUri, paymentLinkToken, cancellationToken, customerId);
    }

    /// <summary>The client's Mollie customer for a first payment; if Mollie cannot make one now, the payment goes ahead without the offer.</summary>
    private async Task<string?> FirstPaymentCustomerAsync(LocalDraft draft, CancellationToken cancellationToken)
    {
        int clientId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            clientId = await db.Payments.AsNoTracking().Where(p => p.Id == draft.PaymentId).Select(p => p.ClientId).SingleAsync(cancellationToken);
        }

        try
        {
            return await mandates.EnsureCustomerAsync(clientId, cancellationToken);
        }
        catch (MollieException ex)
        {
            logger.LogWarning(ex, "No Mollie customer for client {ClientId}; payment {PaymentId} goes ahead without saving the method", clientId, draft.PaymentId);
            return null;
        }
    }

    /// <summary>Creates the Mollie payment for a local draft (idempotency key <c>payment:{localId}</c>) and links the two.</summary>
    private async Task<StartedPayment> SendToMollieAsync(LocalDraft draft, PaymentMethod method, Uri publicBaseUri, string? paymentLinkToken, CancellationToken cancellationToken, string? firstPaymentCustomerId = null)
    {
        MolliePayment created;
        try
        {
            created = await mollie.CreatePaymentAsync(new CreatePaymentRequest
            {
                Amount = new MollieAmount(draft.Amount.Currency.Code, draft.Amount.ToDecimalString()),
                Description = draft.Number,
                RedirectUrl = new Uri(publicBaseUri, ReturnPath(draft.PaymentId) + (paymentLinkToken is null ? "" : "?link=" + Uri.EscapeDataString(paymentLinkToken))).ToString(),
                WebhookUrl = new Uri(publicBaseUri, WebhookPath).ToString(),
                Method = MollieMethodId(method),
                Metadata = JsonSerializer.SerializeToElement(new { paymentId = draft.PaymentId }),
                CustomerId = firstPaymentCustomerId,
                SequenceType = firstPaymentCustomerId is null ? null : MollieSequenceType.First,
            }, $"payment:{draft.PaymentId}", cancellationToken);
        }
        catch (MollieException ex)
        {
            // Even if Mollie created the payment before failing to answer, nobody received its checkout page, so
            // nobody can pay it: the local one is given up now and the payer may try again at once.
            logger.LogWarning(ex, "Mollie refused payment {PaymentId} for {Number}", draft.PaymentId, draft.Number);
            await CancelLocallyAsync(draft.PaymentId, CancellationToken.None);
            throw new PaymentRefusedException("The payment service is not available right now. Please try again in a few minutes.", ex);
        }

        await money.RunAsync("Link Mollie payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == draft.PaymentId, ct);
            payment.AssignProviderId(created.Id);
        }, cancellationToken);

        return new StartedPayment(draft.PaymentId, created.CheckoutUrl
            ?? throw new PaymentRefusedException("The payment service gave no checkout page. Please try again."), Reused: false);
    }

    /// <summary>
    /// "Pay several at once": one Mollie payment for several open documents of one client, for all they still need.
    /// Each document is claimed like a single start (its Version moves on, one open <see cref="PaymentDocument"/> row
    /// per document), so no document is ever in two open payments. When it is paid, the money goes oldest due first
    /// (<see cref="CreditRules.RecordPaymentForSeveral"/>).
    /// </summary>
    public async Task<StartedPayment> StartSeveralAsync(
        int clientId,
        IReadOnlyCollection<(PayableKind Kind, int Id)> documents,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var chosen = documents.Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw new PaymentRefusedException("Tick the documents you want to pay.");
        }

        if (chosen.Count == 1)
        {
            return await StartAsync(chosen[0].Kind, chosen[0].Id, method, initiatedBy, publicBaseUri, cancellationToken);
        }

        if (!(await settings.GetAsync(cancellationToken)).OnlineInvoicePayment)
        {
            throw new PaymentRefusedException("Online payment is switched off. Please contact us to pay these documents.");
        }

        foreach (var (kind, id) in chosen)
        {
            await SettleStaleSeveralAsync(kind, id, cancellationToken);
        }

        var draft = await money.RunAsync("Start payment for several documents", async (db, ct) =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId, ct);
            var numbers = new List<string>();
            long total = 0;
            var now = clock.GetUtcNow();
            var claimed = new List<object>();
            foreach (var (kind, id) in chosen)
            {
                if (await OpenPaymentsOf(db, kind, id).AnyAsync(ct) || await OpenInSeveral(db, kind, id).AnyAsync(ct))
                {
                    throw new PaymentRefusedException("One of these documents already has a payment in progress. Please wait until it completes, or pay the others.");
                }

                if (kind == PayableKind.Invoice)
                {
                    var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == id && i.ClientId == clientId, ct) ?? throw NotFound();
                    if (invoice.Status != InvoiceStatus.Open || invoice.StillToPayMinor <= 0)
                    {
                        throw new PaymentRefusedException($"{invoice.Number} is {invoice.Status.ToString().ToLowerInvariant()} and cannot be paid online.");
                    }

                    numbers.Add(invoice.Number!);
                    total += invoice.StillToPayMinor;
                    claimed.Add(invoice);
                }
                else
                {
                    var request = await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == id && r.ClientId == clientId, ct) ?? throw NotFound();
                    if (request.Status != CreditRequestStatus.Open)
                    {
                        throw new PaymentRefusedException($"{CreditRequestNumber(request.Id)} is {request.Status.ToString().ToLowerInvariant()} and cannot be paid online.");
                    }

                    numbers.Add(CreditRequestNumber(request.Id));
                    total += request.AmountMinor;
                    claimed.Add(request);
                }
            }

            var payment = Payment.Start(client, new Money(total, client.Currency), method, PaymentProvider.Mollie, initiatedBy, now);
            foreach (var document in claimed)
            {
                ClaimDocument(db, document);
            }

            db.Payments.Add(payment);
            db.PaymentDocuments.AddRange(chosen.Select(d => new PaymentDocument(payment, d.Kind, d.Id)));
            await db.SaveChangesAsync(ct);
            var description = string.Join(", ", numbers);
            return new LocalDraft(payment.Id, payment.Amount, description.Length > 255 ? description[..252] + "..." : description);
        }, cancellationToken);

        return await SendToMollieAsync(draft, method, publicBaseUri, null, cancellationToken);
    }

    /// <summary>
    /// Staff charge the client's saved mandate for what the document still needs: a Mollie recurring payment, written
    /// locally first and sent with <c>payment:{localId}</c> as idempotency key, like <see cref="StartAsync(PayableKind, int, PaymentMethod, PaymentInitiator, Uri, CancellationToken)"/>.
    /// Direct debits come back pending and settle through the webhook.
    /// </summary>
    public async Task<SyncOutcome> ChargeMandateAsync(
        PayableKind documentKind,
        int documentId,
        string customerId,
        MollieMandate mandate,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mandate);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        if (!mandate.IsValid)
        {
            throw new PaymentRefusedException("That mandate is not valid at Mollie; it cannot be charged.");
        }

        if (await ReuseOpenPaymentAsync(documentKind, documentId, cancellationToken) is not null)
        {
            throw new PaymentRefusedException("The client has a checkout open for this document. Wait until it completes or expires.");
        }

        var method = mandate.Method switch
        {
            "creditcard" => PaymentMethod.Card,
            "paypal" => PaymentMethod.PayPal,
            _ => PaymentMethod.DirectDebit,
        };
        var draft = await money.RunAsync("Start mandate charge", (db, ct) => CreateLocalPaymentAsync(db, documentKind, documentId, method, initiatedBy, ct), cancellationToken);
        MolliePayment created;
        try
        {
            created = await mollie.CreateRecurringPaymentAsync(new CreateRecurringPaymentRequest
            {
                Amount = new MollieAmount(draft.Amount.Currency.Code, draft.Amount.ToDecimalString()),
                Description = draft.Number,
                CustomerId = customerId,
                MandateId = mandate.Id,
                WebhookUrl = new Uri(publicBaseUri, WebhookPath).ToString(),
                Metadata = JsonSerializer.SerializeToElement(new { paymentId = draft.PaymentId }),
            }, $"payment:{draft.PaymentId}", cancellationToken);
        }
        catch (MollieException ex)
        {
            logger.LogWarning(ex, "Mollie refused mandate charge {PaymentId} for {Number}", draft.PaymentId, draft.Number);
            await CancelLocallyAsync(draft.PaymentId, CancellationToken.None);
            throw new PaymentRefusedException(ex.UserMessage, ex);
        }

        await money.RunAsync("Link Mollie payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == draft.PaymentId, ct);
            payment.AssignProviderId(created.Id);
        }, cancellationToken);

        return await ApplyAsync(draft.PaymentId, created, cancellationToken);
    }

    /// <summary>Fetches the payment from Mollie and brings the local one up to date; settles it when it became paid.</summary>
    public async Task<SyncOutcome> SyncAsync(string providerPaymentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(providerPaymentId) || !providerPaymentId.StartsWith("tr_", StringComparison.Ordinal))
        {
            return SyncOutcome.Unknown;
        }

        int? localId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            localId = await db.Payments.AsNoTracking()
                .Where(p => p.Provider == PaymentProvider.Mollie && p.ProviderPaymentId == providerPaymentId)
                .Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        }

        if (localId is null)
        {
            logger.LogInformation("Ignoring Mollie payment {ProviderId}: not one of ours", providerPaymentId);
            return SyncOutcome.Unknown;
        }

        var remote = await mollie.GetPaymentAsync(providerPaymentId, cancellationToken);
        var outcome = await ApplyAsync(localId.Value, remote, cancellationToken);
        // Mollie calls the same webhook when a refund of the payment changes.
        await refunds.SyncAsync(localId.Value, cancellationToken);
        return outcome;
    }

    /// <summary>Syncs by the local id (the return page); a payment Mollie never saw is left as it is.</summary>
    public async Task<SyncOutcome> SyncLocalAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var providerId = await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId && p.Provider == PaymentProvider.Mollie)
            .Select(p => p.ProviderPaymentId).SingleOrDefaultAsync(cancellationToken);
        return providerId is null ? SyncOutcome.Unknown : await SyncAsync(providerId, cancellationToken);
    }

    private async Task<StartedPayment?> ReuseOpenPaymentAsync(PayableKind kind, int documentId, CancellationToken cancellationToken, Money? amount = null)
    {
        List<(int Id, string? ProviderId, DateTimeOffset CreatedAt, long AmountMinor)> open;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            open = (await OpenPaymentsOf(db, kind, documentId).Select(p => new { p.Id, p.ProviderPaymentId, p.CreatedAt, p.AmountMinor }).ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.ProviderPaymentId, p.CreatedAt, p.AmountMinor)).ToList();
        }

        foreach (var (id, providerId, createdAt, openAmountMinor) in open)
        {
            if (providerId is null)
            {
                // Another request may be talking to Mollie for it right now; only a start that clearly failed is given up.
                if (clock.GetUtcNow() - createdAt < UnsentPaymentGivenUpAfter)
                {
                    throw new PaymentRefusedException("A payment for this document is being started. Please try again in a moment.");
                }

                await CancelLocallyAsync(id, cancellationToken);
                continue;
            }

            var remote = await mollie.GetPaymentAsync(providerId, cancellationToken);
            if (remote.Status == MolliePaymentStatus.Open && remote.CheckoutUrl is { } checkout)
            {
                if (amount is { } wanted && wanted.Minor != openAmountMinor)
                {
                    throw new PaymentRefusedException(
                        $"A checkout for {wanted.Currency.Code} {new Money(openAmountMinor, wanted.Currency).ToDecimalString()} is still open for this document. " +
                        "Complete it, or try again once it has expired (card and iDEAL: within 30 minutes).");
                }

                return new StartedPayment(id, checkout, Reused: true);
            }

            var outcome = await ApplyAsync(id, remote, cancellationToken);
            if (outcome.Status is PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Open)
            {
                throw new PaymentRefusedException("A payment for this document is already being processed. Please wait until it completes.");
            }
        }

        return null;
    }

    private async Task CancelLocallyAsync(int paymentId, CancellationToken cancellationToken) =>
        await money.RunAsync("Cancel unsent payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            if (payment.ProviderPaymentId is null && payment.Status == PaymentStatus.Open)
            {
                payment.ApplyStatus(PaymentStatus.Canceled, clock.GetUtcNow());
                await CloseDocumentsAsync(db, paymentId, ct);
            }
        }, cancellationToken);

    private sealed record LocalDraft(int PaymentId, Money Amount, string Number);

    private async Task<LocalDraft> CreateLocalPaymentAsync(
        InvoiceHubDbContext db,
        PayableKind kind,
        int documentId,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        CancellationToken ct,
        SettingsSnapshot? current = null,
        Money? partial = null)
    {
        // Checked again inside the transaction: two clicks at once must not open two payments.
        if (await OpenPaymentsOf(db, kind, documentId).AnyAsync(ct) || await OpenInSeveral(db, kind, documentId).AnyAsync(ct))
        {
            throw new PaymentRefusedException("A payment for this document has just been started. Please reload the page.");
        }

        var now = clock.GetUtcNow();
        Payment payment;
        string number;
        if (kind == PayableKind.Invoice)
        {
            var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.Id == documentId, ct) ?? throw NotFound();
            if (invoice.Status != InvoiceStatus.Open || invoice.StillToPayMinor <= 0)
            {
                throw NotOpen(invoice.Status.ToString());
            }

            var client = await db.Clients.SingleAsync(c => c.Id == invoice.ClientId, ct);
            number = invoice.Number!;
            if (partial is { } part && current is not null && PartialAmountProblem(current, invoice.StillToPay, part) is { } problem)
            {
                throw new DomainException(ErrorCodes.InvalidAmount, problem, "amount");
            }

            payment = Payment.Start(client, partial ?? invoice.StillToPay, method, PaymentProvider.Mollie, initiatedBy, now, forInvoice: invoice);
        }
        else
        {
            var request = await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == documentId, ct) ?? throw NotFound();
            if (request.Status != CreditRequestStatus.Open)
            {
                throw NotOpen(request.Status.ToString());
            }

            if (partial is { } part && part.Minor != request.AmountMinor)
            {
                throw new DomainException(ErrorCodes.PaymentDoesNotCover, $"A credit request is paid in full: {request.Amount.ToDecimalString()} {request.Currency.Code}.", "amount");
            }

            var client = await db.Clients.SingleAsync(c => c.Id == request.ClientId, ct);
            number = CreditRequestNumber(request.Id);
            payment = Payment.Start(client, request.Amount, method, PaymentProvider.Mollie, initiatedBy, now, forCreditRequest: request);
        }

        // Starting a payment claims the document: its Version moves on, so two starts racing on PostgreSQL
        // (where the check above alone does not serialize) conflict and the later one sees the open payment.
        ClaimDocument(db, (object?)payment.Invoice ?? payment.CreditRequest!);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return new LocalDraft(payment.Id, payment.Amount, number);
    }

    private static void ClaimDocument(InvoiceHubDbContext db, object document)
    {
        var version = db.Entry(document).Property(nameof(AggregateRoot.Version));
        version.CurrentValue = (int)version.CurrentValue! + 1;
    }

    private async Task<SyncOutcome> ApplyAsync(int paymentId, MolliePayment remote, CancellationToken cancellationToken)
    {
        var status = ToPaymentStatus(remote.Status);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        return await money.RunAsync("Sync Mollie payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            if (!payment.CanChangeTo(status))
            {
                // Mollie never moves backwards; a local state ahead of Mollie's answer (a stale read) is kept.
                if (status == PaymentStatus.Paid && payment.Status != PaymentStatus.Refunded)
                {
                    logger.LogError("Mollie reports {ProviderId} paid but payment {PaymentId} is {Local} here; staff must reconcile it", remote.Id, paymentId, payment.Status);
                    return new SyncOutcome(paymentId, payment.Status, false);
                }

                logger.LogWarning("Payment {PaymentId} is {Local}; Mollie reports {Remote} for {ProviderId}; kept", paymentId, payment.Status, status, remote.Id);
                return new SyncOutcome(paymentId, payment.Status, false);
            }

            var now = clock.GetUtcNow();
            payment.ApplyStatus(status, now);
            if (!StillOpen.Contains(payment.Status) && payment.Status != PaymentStatus.Authorized)
            {
                await CloseDocumentsAsync(db, payment.Id, ct);
            }

            if (payment.Status != PaymentStatus.Paid || payment.IsRecorded)
            {
                return new SyncOutcome(paymentId, payment.Status, false);
            }

            await RecordAsync(db, payment, autoMarkPaid, now, ct);
            logger.LogInformation("Payment {PaymentId} ({ProviderId}) paid and recorded", paymentId, remote.Id);
            return new SyncOutcome(paymentId, payment.Status, true);
        }, cancellationToken);
    }

    private static async Task CloseDocumentsAsync(InvoiceHubDbContext db, int paymentId, CancellationToken ct)
    {
        foreach (var document in await db.PaymentDocuments.Where(d => d.PaymentId == paymentId && d.Open).ToListAsync(ct))
        {
            document.Close();
        }
    }

    private static async Task RecordAsync(InvoiceHubDbContext db, Payment payment, bool autoMarkPaid, DateTimeOffset now, CancellationToken ct)
    {
        var client = await db.Clients.SingleAsync(c => c.Id == payment.ClientId, ct);
        var openInvoices = await db.Invoices
            .Where(i => i.ClientId == client.Id && i.Status == InvoiceStatus.Open && i.Id != payment.InvoiceId)
            .ToListAsync(ct);
        var several = await db.PaymentDocuments.AsNoTracking().Where(d => d.PaymentId == payment.Id).ToListAsync(ct);
        if (several.Count > 0)
        {
            var invoiceIds = several.Where(d => d.Kind == PayableKind.Invoice).Select(d => d.DocumentId).ToList();
            var requestIds = several.Where(d => d.Kind == PayableKind.CreditRequest).Select(d => d.DocumentId).ToList();
            var invoices = await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(ct);
            var requests = await db.CreditRequests.Where(r => requestIds.Contains(r.Id)).ToListAsync(ct);
            CreditRules.RecordPaymentForSeveral(client, payment, invoices, requests, autoMarkPaid, openInvoices, now);
            return;
        }

        if (payment.InvoiceId is { } invoiceId)
        {
            var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId, ct);
            CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid, openInvoices, now);
            return;
        }

        if (payment.CreditRequestId is { } requestId)
        {
            var request = await db.CreditRequests.SingleAsync(r => r.Id == requestId, ct);
            if (request.Status == CreditRequestStatus.Open && payment.AmountMinor >= request.AmountMinor)
            {
                CreditRules.RecordCreditRequestPayment(client, request, payment, autoMarkPaid, openInvoices, now);
                return;
            }
        }

        CreditRules.RecordPaymentToBalance(client, payment, autoMarkPaid, openInvoices, now);
    }

    private static IQueryable<PaymentDocument> OpenInSeveral(InvoiceHubDbContext db, PayableKind kind, int documentId) =>
        db.PaymentDocuments.Where(d => d.Open && d.Kind == kind && d.DocumentId == documentId);

    /// <summary>A payment for several documents that covers this one is asked about at Mollie, so a finished one frees it.</summary>
    private async Task SettleStaleSeveralAsync(PayableKind kind, int documentId, CancellationToken cancellationToken)
    {
        List<(int Id, string? ProviderId)> open;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            open = (await OpenInSeveral(db, kind, documentId).Select(d => new { d.PaymentId, d.Payment!.ProviderPaymentId }).ToListAsync(cancellationToken))
                .Select(d => (d.PaymentId, d.ProviderPaymentId)).ToList();
        }

        foreach (var (id, providerId) in open)
        {
            if (providerId is null)
            {
                continue;
            }

            var outcome = await ApplyAsync(id, await mollie.GetPaymentAsync(providerId, cancellationToken), cancellationToken);
            if (outcome.Status is PaymentStatus.Open or PaymentStatus.Pending or PaymentStatus.Authorized)
            {
                throw new PaymentRefusedException("This document is part of a payment for several documents that is still open at checkout. Please complete it, or try again once it has expired.");
            }
        }
    }

    private static IQueryable<Payment> OpenPaymentsOf(InvoiceHubDbContext db, PayableKind kind, int documentId)
    {
        var mollie = db.Payments.Where(p => p.Provider == PaymentProvider.Mollie && StillOpen.Contains(p.Status));
        return kind == PayableKind.Invoice
            ? mollie.Where(p => p.InvoiceId == documentId)
            : mollie.Where(p => p.CreditRequestId == documentId);
    }

    public static string CreditRequestNumber(int id) => "CR-" + id;

    /// <summary>
    /// Why <paramref name="amount"/> cannot be paid online on an invoice that still needs <paramref name="stillToPay"/>
    /// (null when it can): the whole amount always; less only where partial online payments are allowed, and then at
    /// least the minimum (or everything, when less than the minimum is left).
    /// </summary>
    public static string? PartialAmountProblem(SettingsSnapshot settings, Money stillToPay, Money amount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (amount.Currency != stillToPay.Currency)
        {
            return $"Enter the amount in {stillToPay.Currency.Code}.";
        }

        if (amount == stillToPay)
        {
            return null;
        }

        var minimum = Math.Min(settings.MinimumPartialPaymentMinor, stillToPay.Minor);
        if (!settings.AllowPartialOnlinePayments)
        {
            return $"Pay the whole {stillToPay.ToDecimalString()} {stillToPay.Currency.Code} still to pay; partial online payments are not accepted.";
        }

        return amount.Minor < minimum || amount > stillToPay
            ? $"Enter an amount from {new Money(minimum, stillToPay.Currency).ToDecimalString()} to {stillToPay.ToDecimalString()} {stillToPay.Currency.Code}."
            : null;
    }

    public static PaymentStatus ToPaymentStatus(MolliePaymentStatus status) => status switch
    {
        MolliePaymentStatus.Open => PaymentStatus.Open,
        MolliePaymentStatus.Pending => PaymentStatus.Pending,
        MolliePaymentStatus.Authorized => PaymentStatus.Authorized,
        MolliePaymentStatus.Paid => PaymentStatus.Paid,
        MolliePaymentStatus.Canceled => PaymentStatus.Canceled,
        MolliePaymentStatus.Expired => PaymentStatus.Expired,
        MolliePaymentStatus.Failed => PaymentStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown Mollie status."),
    };

    public static string? MollieMethodId(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "creditcard",
        PaymentMethod.Ideal => "ideal",
        PaymentMethod.BankTransfer => "banktransfer",
        PaymentMethod.PayPal => "paypal",
        PaymentMethod.DirectDebit => "directdebit",
        _ => null,
    };

    private static PaymentRefusedException NotFound() => new("That document does not exist.");

    private static PaymentRefusedException NotOpen(string status) =>
        new($"This document is {status.ToLowerInvariant()} and cannot be paid online.");
}
