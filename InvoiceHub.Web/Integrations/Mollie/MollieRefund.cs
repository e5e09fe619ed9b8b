using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

public sealed record MollieRefund
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "refund";
    public string? Mode { get; init; }
    public required MollieAmount Amount { get; init; }
    public MollieAmount? SettlementAmount { get; init; }
    /// <summary>queued, pending, processing, refunded, failed or canceled.</summary>
    public required string Status { get; init; }
    public string? Description { get; init; }
    public JsonElement? Metadata { get; init; }
    public string? PaymentId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }
}
