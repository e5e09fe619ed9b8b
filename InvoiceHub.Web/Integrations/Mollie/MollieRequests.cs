using System.Text.Json;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>Body of <c>POST /v2/payments</c>; null members are left out of the JSON.</summary>
public sealed record CreatePaymentRequest
{
    public required MollieAmount Amount { get; init; }
    public required string Description { get; init; }
    /// <summary>Required unless the payment is recurring.</summary>
    public string? RedirectUrl { get; init; }
    public string? CancelUrl { get; init; }
    public string? WebhookUrl { get; init; }
    public string? Locale { get; init; }
    public string? Method { get; init; }
    public JsonElement? Metadata { get; init; }
    public MollieSequenceType? SequenceType { get; init; }
    public string? CustomerId { get; init; }
    public string? MandateId { get; init; }
}

/// <summary>An off-session charge on a customer's mandate (<c>sequenceType: recurring</c>, no redirect).</summary>
public sealed record CreateRecurringPaymentRequest
{
    public required MollieAmount Amount { get; init; }
    public required string Description { get; init; }
    public required string CustomerId { get; init; }
    /// <summary>When left out Mollie picks a valid mandate of the customer.</summary>
    public string? MandateId { get; init; }
    public string? WebhookUrl { get; init; }
    /// <summary>The payer's language at Mollie (<c>es_ES</c>): no checkout page, but Mollie keeps it with the payment.</summary>
    public string? Locale { get; init; }
    public JsonElement? Metadata { get; init; }

    internal CreatePaymentRequest ToPaymentRequest() => new()
    {
        Amount = Amount,
        Description = Description,
        CustomerId = CustomerId,
        MandateId = MandateId,
        WebhookUrl = WebhookUrl,
        Locale = Locale,
        Metadata = Metadata,
        SequenceType = MollieSequenceType.Recurring,
    };
}

public sealed record CreateCustomerRequest
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Locale { get; init; }
    public JsonElement? Metadata { get; init; }
}

/// <summary>A mandate registered directly, e.g. a signed SEPA direct debit form: method directdebit, name and IBAN.</summary>
public sealed record CreateMandateRequest
{
    public string Method { get; init; } = "directdebit";
    public required string ConsumerName { get; init; }
    public string? ConsumerAccount { get; init; }
    public string? ConsumerBic { get; init; }
    public string? ConsumerEmail { get; init; }
    /// <summary>YYYY-MM-DD.</summary>
    public string? SignatureDate { get; init; }
    public string? MandateReference { get; init; }
}

public sealed record CreateRefundRequest
{
    public required MollieAmount Amount { get; init; }
    public string? Description { get; init; }
    public JsonElement? Metadata { get; init; }
}
