using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>The methods the simulator offers, with Mollie's limits and the outcomes its test checkout shows (MOLLIE.md §7).</summary>
internal sealed record PaymentMethod(
    string Id,
    string Description,
    decimal Minimum,
    decimal? Maximum,
    TimeSpan Expiry,
    IReadOnlyList<string> SequenceTypes,
    IReadOnlyList<string> Currencies,
    IReadOnlyList<string> TestOutcomes)
{
    public static readonly IReadOnlyList<PaymentMethod> All =
    [
        new("creditcard", "Card", 0.01m, 10_000m, TimeSpan.FromMinutes(30), ["oneoff", "first", "recurring"], ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN"], ["paid", "open", "failed", "expired"]),
        new("banktransfer", "Bank transfer", 0.01m, 1_000_000m, TimeSpan.FromDays(12), ["oneoff"], ["EUR"], ["paid", "open", "expired"]),
        new("directdebit", "SEPA Direct Debit", 0.01m, 1_000m, TimeSpan.FromDays(5), ["recurring"], ["EUR"], []),
        new("ideal", "iDEAL", 0.01m, 50_000m, TimeSpan.FromMinutes(15), ["oneoff", "first"], ["EUR"], ["paid", "open", "failed", "canceled", "expired"]),
        new("paypal", "PayPal", 0.01m, 10_000m, TimeSpan.FromHours(72), ["oneoff", "first", "recurring"], ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN"], ["paid", "pending", "failed", "canceled", "expired"]),
    ];

    public static PaymentMethod? Find(string? id) => All.FirstOrDefault(m => m.Id == id);

    public bool Accepts(SimAmount amount, string sequenceType) =>
        SequenceTypes.Contains(sequenceType) && Currencies.Contains(amount.Currency) && amount.Value >= MinimumFor(sequenceType) && (Maximum is null || amount.Value <= Maximum);

    /// <summary>Card and PayPal first payments may be €0.00, to register a mandate without charging.</summary>
    public decimal MinimumFor(string sequenceType) => sequenceType == "first" && Id is "creditcard" or "paypal" ? 0m : Minimum;

    /// <summary>The mandate a paid first payment leaves behind.</summary>
    public string MandateMethod => Id switch
    {
        "creditcard" => "creditcard",
        "paypal" => "paypal",
        _ => "directdebit",
    };

    public JsonObject ToJson(string baseUrl, string currency) => new()
    {
        ["resource"] = "method",
        ["id"] = Id,
        ["description"] = Description,
        ["minimumAmount"] = new SimAmount(currency, Minimum).ToJson(),
        ["maximumAmount"] = Maximum is { } max ? new SimAmount(currency, max).ToJson() : null,
        ["image"] = new JsonObject
        {
            ["size1x"] = $"https://www.mollie.com/external/icons/payment-methods/{Id}.png",
            ["size2x"] = $"https://www.mollie.com/external/icons/payment-methods/{Id}%402x.png",
            ["svg"] = $"https://www.mollie.com/external/icons/payment-methods/{Id}.svg",
        },
        ["status"] = "activated",
        ["_links"] = new JsonObject
        {
            ["self"] = SimJson.Link($"{baseUrl}/v2/methods/{Id}"),
            ["documentation"] = SimJson.Link("https://docs.mollie.com/reference/get-method", "text/html"),
        },
    };
}
