using System.Text.Json.Nodes;

namespace InvoiceHub.MollieSimulator.Model;

internal sealed class SimCustomer
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Locale { get; init; }
    public JsonNode? Metadata { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<SimMandate> Mandates { get; } = [];
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
}
