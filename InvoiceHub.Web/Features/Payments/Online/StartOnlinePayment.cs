using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Pay Now for one invoice or credit request, through Mollie's hosted checkout: an open checkout is handed out again;
/// otherwise the local payment is written first (claiming the document) and then Mollie is asked.
/// </summary>
public sealed class StartOnlinePayment(
    SettingsService settings,
    OpenOnlinePayments open,
    LocalPayments local,
    MollieCheckout checkout,
    ClientMandates mandates,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    ILogger<StartOnlinePayment> logger)
{
    /// <param name="publicBaseUri">The app's public address (e.g. <c>NavigationManager.BaseUri</c>); the return and webhook URLs are built on it.</param>
    /// <param name="paymentLinkToken">When the payer came through a payment link: the return page then leads back to it.</param>
    /// <param name="amount">Less than the document still needs, where partial online payments are allowed; null pays it all.</param>
    /// <param name="saveForFutureCharges">
    /// The payer accepted the offer to keep the card (or, for iDEAL, a SEPA direct debit mandate) for future charges:
    /// the payment becomes Mollie's <c>first</c> payment on the client's customer, whose mandate auto-charge then uses.
    /// </param>
    public async Task<StartedPayment> HandleAsync(
        PayableKind kind,
        int documentId,
        PaymentMethod method,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        string? paymentLinkToken = null,
        Money? amount = null,
        bool saveForFutureCharges = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        var current = await settings.GetAsync(cancellationToken);
        if (!current.OnlineInvoicePayment)
        {
            throw new PaymentRefusedException(PayText.OnlinePaymentOffOne);
        }

        await open.SettleStaleSeveralAsync(kind, documentId, cancellationToken);
        if (await open.ReuseAsync(kind, documentId, amount, cancellationToken) is { } reused)
        {
            return reused;
        }

        var draft = await local.CreateAsync(kind, documentId, method, initiatedBy, amount,
            (document, part) => PayableRules.PartialAmountProblem(document, current.AllowPartialOnlinePayments, current.MinimumPartialPaymentMinor, part),
            cancellationToken);
        var customerId = saveForFutureCharges ? await FirstPaymentCustomerAsync(draft, cancellationToken) : null;
        return await checkout.OpenAsync(draft, method, publicBaseUri, paymentLinkToken, customerId, cancellationToken);
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
}
