using System.Text.Json;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Opens Mollie's hosted checkout for a local draft (idempotency key <c>payment:{localId}</c>) and links the two. A draft
/// Mollie refused is cancelled at once, so the payer may try again.
/// </summary>
public sealed class MollieCheckout(MollieClient mollie, LocalPayments local, ILogger<MollieCheckout> logger)
{
    public async Task<StartedPayment> OpenAsync(
        LocalDraft draft,
        PaymentMethod method,
        Uri publicBaseUri,
        string? paymentLinkToken,
        string? firstPaymentCustomerId,
        CancellationToken cancellationToken)
    {
        MolliePayment created;
        try
        {
            created = await mollie.CreatePaymentAsync(new CreatePaymentRequest
            {
                Amount = MollieAmount.From(draft.Amount),
                Description = draft.Description,
                RedirectUrl = new Uri(publicBaseUri, PaymentPaths.Return(draft.PaymentId) + (paymentLinkToken is null ? "" : "?link=" + Uri.EscapeDataString(paymentLinkToken))).ToString(),
                WebhookUrl = new Uri(publicBaseUri, PaymentPaths.Webhook).ToString(),
                Locale = draft.Locale,
                Method = MollieMethods.IdOf(method),
                Metadata = LocalIdMetadata(draft.PaymentId),
                CustomerId = firstPaymentCustomerId,
                SequenceType = firstPaymentCustomerId is null ? null : MollieSequenceType.First,
            }, IdempotencyKey(draft.PaymentId), cancellationToken);
        }
        catch (MollieException ex)
        {
            // Even if Mollie created the payment before failing to answer, nobody received its checkout page, so
            // nobody can pay it: the local one is given up now and the payer may try again at once.
            logger.LogWarning(ex, "Mollie refused payment {PaymentId} for {Number}", draft.PaymentId, draft.Description);
            await local.CancelUnsentAsync(draft.PaymentId, CancellationToken.None);
            throw new PaymentRefusedException(PayText.PaymentServiceUnavailable, ex);
        }

        await local.LinkAsync(draft.PaymentId, created.Id, cancellationToken);
        return new StartedPayment(draft.PaymentId, created.CheckoutUrl
            ?? throw new PaymentRefusedException(PayText.NoCheckoutPage), Reused: false);
    }

    /// <summary>The key every Mollie call for one local payment carries, so a retried call never pays twice.</summary>
    public static string IdempotencyKey(int paymentId) => $"payment:{paymentId}";

    /// <summary>The metadata that leads Mollie's payment back to ours.</summary>
    public static JsonElement LocalIdMetadata(int paymentId) => JsonSerializer.SerializeToElement(new { paymentId });
}
