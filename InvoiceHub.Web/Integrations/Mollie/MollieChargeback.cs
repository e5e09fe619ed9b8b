using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>A chargeback as <c>GET /v2/payments/{id}/chargebacks</c> returns it (docs.mollie.com/reference/get-chargeback).</summary>
public sealed record MollieChargeback
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "chargeback";
    public required MollieAmount Amount { get; init; }
    public MollieAmount? SettlementAmount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public MollieChargebackReason? Reason { get; init; }

    /// <summary>Set once the chargeback was reversed (the money came back).</summary>
    public DateTimeOffset? ReversedAt { get; init; }

    public required string PaymentId { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }

    /// <summary><c>MD06: Refund request by end customer</c>, or null when Mollie gave no reason.</summary>
    public string? ReasonText => Reason is { } reason ? $"{reason.Code}: {reason.Description}".Trim(' ', ':') : null;
}

public sealed record MollieChargebackReason(string? Code, string? Description);
