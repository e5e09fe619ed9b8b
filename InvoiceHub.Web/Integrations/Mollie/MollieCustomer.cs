using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

public sealed record MollieCustomer
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "customer";
    public string? Mode { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Locale { get; init; }
    public JsonElement? Metadata { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }
}

public enum MollieMandateStatus
{
    Valid,
    Pending,
    Invalid,
}

public sealed record MollieMandate
{
    public required string Id { get; init; }
    public string Resource { get; init; } = "mandate";
    public string? Mode { get; init; }
    public MollieMandateStatus Status { get; init; }
    public required string Method { get; init; }
    public MollieMandateDetails? Details { get; init; }
    public string? MandateReference { get; init; }
    public string? SignatureDate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    [JsonPropertyName("_links")]
    public MollieLinks? Links { get; init; }

    public bool IsValid => Status == MollieMandateStatus.Valid;
}

public sealed record MollieMandateDetails
{
    public string? ConsumerName { get; init; }
    public string? ConsumerAccount { get; init; }
    public string? ConsumerBic { get; init; }
    public string? CardHolder { get; init; }
    public string? CardNumber { get; init; }
    public string? CardLabel { get; init; }
    public string? CardFingerprint { get; init; }
    public string? CardExpiryDate { get; init; }
}
