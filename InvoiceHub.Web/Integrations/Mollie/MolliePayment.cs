using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

public enum MolliePaymentStatus
{
    Open,
    Pending,
    Authorized,
    Paid,
    Canceled,
    Expired,
    Failed,
}

public enum MollieSequenceType
{
    Oneoff,
    First,
    Recurring,
}

/// <summary>A payment as <c>GET /v2/payments/{id}</c> returns it.</summary>
public sealed record MolliePayment
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "payment";
    public string? Mode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public MolliePaymentStatus Status { get; init; }
    public bool? IsCancelable { get; init; }
    public DateTimeOffset? AuthorizedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? CanceledAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? ExpiredAt { get; init; }
    public DateTimeOffset? FailedAt { get; init; }
    public required MollieAmount Amount { get; init; }
    public MollieAmount? AmountRefunded { get; init; }
    public MollieAmount? AmountRemaining { get; init; }
    public MollieAmount? AmountCaptured { get; init; }
    public MollieAmount? AmountChargedBack { get; init; }
    public MollieAmount? SettlementAmount { get; init; }
    public string? Description { get; init; }
    public string? Method { get; init; }
    public JsonElement? Metadata { get; init; }
    public MolliePaymentDetails? Details { get; init; }
    public string? ProfileId { get; init; }
    public MollieSequenceType? SequenceType { get; init; }
    public string? RedirectUrl { get; init; }
    public string? CancelUrl { get; init; }
    public string? WebhookUrl { get; init; }
    public string? Locale { get; init; }
    public string? CountryCode { get; init; }
    public string? CustomerId { get; init; }
    public string? MandateId { get; init; }
    public string? SubscriptionId { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }

    /// <summary>Where to send the payer; absent for recurring payments and once the payment is final.</summary>
    public string? CheckoutUrl => Links?.Checkout?.Href;

    public bool IsFinal => Status is MolliePaymentStatus.Paid or MolliePaymentStatus.Canceled or MolliePaymentStatus.Expired or MolliePaymentStatus.Failed;
}

/// <summary>The method-dependent <c>details</c> of a payment; only the fields of the payment's method are filled.</summary>
public sealed record MolliePaymentDetails
{
    public string? ConsumerName { get; init; }
    public string? ConsumerAccount { get; init; }
    public string? ConsumerBic { get; init; }
    public string? BankName { get; init; }
    public string? BankAccount { get; init; }
    public string? BankBic { get; init; }
    public string? TransferReference { get; init; }
    public string? CreditorIdentifier { get; init; }
    public string? DueDate { get; init; }
    public string? SignatureDate { get; init; }
    public string? BankReasonCode { get; init; }
    public string? BankReason { get; init; }
    public string? CardHolder { get; init; }
    public string? CardNumber { get; init; }
    public string? CardLabel { get; init; }
    public string? CardFingerprint { get; init; }
    public string? CardCountryCode { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureMessage { get; init; }
    public string? PaypalReference { get; init; }
    public string? BillingEmail { get; init; }
}
