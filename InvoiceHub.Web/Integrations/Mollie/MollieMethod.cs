using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

public sealed record MollieMethod
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "method";
    public string? Description { get; init; }
    public MollieAmount? MinimumAmount { get; init; }
    /// <summary>Null when the method has no maximum.</summary>
    public MollieAmount? MaximumAmount { get; init; }
    public MollieMethodImage? Image { get; init; }
    /// <summary>activated, pending-boarding, pending-review, pending-external or rejected.</summary>
    public string? Status { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }
}

public sealed record MollieMethodImage(string? Size1x, string? Size2x, string? Svg);

/// <summary>Filters of <c>GET /v2/methods</c>.</summary>
public sealed record MollieMethodsQuery
{
    public MollieSequenceType? SequenceType { get; init; }
    public MollieAmount? Amount { get; init; }
    public string? Locale { get; init; }
    public string? BillingCountry { get; init; }
}
