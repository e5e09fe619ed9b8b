using System.Text.Json.Nodes;

namespace InvoiceHub.MollieSimulator.Model;

internal sealed class SimCustomer
{
    public required string Id { get; init; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Locale { get; set; }
    public JsonNode? Metadata { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<SimMandate> Mandates { get; } = [];

    /// <summary>Deleted customers answer 410 Gone, as at Mollie.</summary>
    public bool Deleted { get; set; }
}

internal sealed class SimMandate
{
    public required string Id { get; init; }
    public required string CustomerId { get; init; }
    public required string Method { get; init; }
    public string Status { get; set; } = "valid";
    public required JsonObject Details { get; init; }
    public string? MandateReference { get; init; }
    public required string SignatureDate { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool Revoked { get; set; }
}

internal sealed class SimRefund
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required SimAmount Amount { get; init; }
    public string? Description { get; init; }
    public JsonNode? Metadata { get; init; }
    public string Status { get; set; } = "pending";
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the refund moves on to its next status by itself; null once final (or when moved by hand only).</summary>
    public DateTimeOffset? NextStepAt { get; set; }

    /// <summary>Set by the refund fault switch: the refund fails after processing instead of completing.</summary>
    public bool WillFail { get; init; }
}

internal sealed class SimChargeback
{
    public required string Id { get; init; }
    public required string PaymentId { get; init; }
    public required SimAmount Amount { get; init; }
    public required string ReasonCode { get; init; }
    public required string ReasonDescription { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReversedAt { get; set; }
}

internal sealed class SimPaymentLink
{
    public required string Id { get; init; }
    public required string Description { get; set; }
    public SimAmount? Amount { get; init; }
    public SimAmount? MinimumAmount { get; set; }
    public string? RedirectUrl { get; init; }
    public string? WebhookUrl { get; init; }
    public bool Reusable { get; init; }
    public bool Archived { get; set; }
    public IReadOnlyList<string> AllowedMethods { get; set; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
