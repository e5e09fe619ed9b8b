using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Charges the client's saved mandate for what a document still needs: a Mollie recurring payment, written locally
/// first and sent with <c>payment:{localId}</c> as idempotency key. Direct debits come back pending and settle through
/// the webhook.
/// </summary>
public sealed class ChargeMandate(
    OpenOnlinePayments open,
    LocalPayments local,
    SettleMolliePayment settle,
    MollieClient mollie,
    ILogger<ChargeMandate> logger)
{
    public async Task<SyncOutcome> HandleAsync(
        PayableKind kind,
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
            throw new PaymentRefusedException(PayText.MandateNotValid);
        }

        if (await open.ReuseAsync(kind, documentId, amount: null, cancellationToken) is not null)
        {
            throw new PaymentRefusedException(PayText.ClientCheckoutOpen);
        }

        var draft = await local.CreateAsync(kind, documentId, MollieMethods.MethodOf(mandate.Method), initiatedBy, amount: null, amountProblem: null, cancellationToken);
        return await SendAsync(draft, customerId, mandate, publicBaseUri, cancellationToken);
    }

    /// <summary>
    /// One recurring payment for all that several open documents of the client still need (Pay several at once by direct
    /// debit); when it is paid the money goes oldest due first, as with a checkout for several.
    /// </summary>
    public async Task<SyncOutcome> HandleForSeveralAsync(
        int clientId,
        IReadOnlyCollection<(PayableKind Kind, int Id)> documents,
        string customerId,
        MollieMandate mandate,
        PaymentInitiator initiatedBy,
        Uri publicBaseUri,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(mandate);
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        if (!mandate.IsValid)
        {
            throw new PaymentRefusedException(PayText.MandateNotValid);
        }

        foreach (var (kind, id) in documents)
        {
            await open.SettleStaleSeveralAsync(kind, id, cancellationToken);
        }

        var draft = await local.CreateForSeveralAsync(clientId, documents, MollieMethods.MethodOf(mandate.Method), initiatedBy, cancellationToken);
        return await SendAsync(draft, customerId, mandate, publicBaseUri, cancellationToken);
    }

    private async Task<SyncOutcome> SendAsync(LocalDraft draft, string customerId, MollieMandate mandate, Uri publicBaseUri, CancellationToken cancellationToken)
    {
        MolliePayment created;
        try
        {
            created = await mollie.CreateRecurringPaymentAsync(
                ToRequest(draft, customerId, mandate.Id, new Uri(publicBaseUri, PaymentPaths.Webhook)),
                MollieCheckout.IdempotencyKey(draft.PaymentId),
                cancellationToken);
        }
        catch (MollieException ex)
        {
            logger.LogWarning(ex, "Mollie refused mandate charge {PaymentId} for {Number}", draft.PaymentId, draft.Description);
            await local.CancelUnsentAsync(draft.PaymentId, CancellationToken.None);
            throw new PaymentRefusedException(ex.UserMessage, ex);
        }

        await local.LinkAsync(draft.PaymentId, created.Id, cancellationToken);
        return await settle.ApplyAsync(draft.PaymentId, created, cancellationToken);
    }

    /// <summary>
    /// The recurring payment Mollie is asked for; auto-charge sends the same one for its stored attempts. Without a
    /// mandate id Mollie charges the customer's newest valid mandate, however it was created.
    /// </summary>
    public static CreateRecurringPaymentRequest ToRequest(LocalDraft draft, string customerId, string? mandateId, Uri webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(webhookUrl);
        return new CreateRecurringPaymentRequest
        {
            Amount = MollieAmount.From(draft.Amount),
            Description = draft.Description,
            CustomerId = customerId,
            MandateId = mandateId,
            WebhookUrl = webhookUrl.ToString(),
            Locale = draft.Locale,
            Metadata = MollieCheckout.LocalIdMetadata(draft.PaymentId),
        };
    }
}
