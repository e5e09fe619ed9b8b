using InvoiceHub.Domain.Payments;

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

/// <summary>The app's own addresses Mollie sends payers and webhooks to.</summary>
public static class PaymentPaths
{
    public const string Webhook = "/api/v1/webhooks/mollie";

    public static string Return(int paymentId) => $"/payments/{paymentId}/return";
}
