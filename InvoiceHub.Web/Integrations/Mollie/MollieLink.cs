using System.Text.Json.Serialization;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>A HAL link as Mollie writes it: <c>{"href":"…","type":"application/hal+json"}</c>.</summary>
public sealed record MollieLink(string Href, string? Type);

/// <summary>The <c>_links</c> object of any Mollie resource; each link is present only when it applies.</summary>
public sealed record MollieLinks
{
    public MollieLink? Self { get; init; }
    public MollieLink? Checkout { get; init; }
    public MollieLink? Dashboard { get; init; }
    public MollieLink? Documentation { get; init; }
    public MollieLink? Refunds { get; init; }
    public MollieLink? Chargebacks { get; init; }
    public MollieLink? Customer { get; init; }
    public MollieLink? Mandate { get; init; }
    public MollieLink? Payment { get; init; }
    public MollieLink? ChangePaymentState { get; init; }
    public MollieLink? Previous { get; init; }
    public MollieLink? Next { get; init; }
}

/// <summary>A page of a Mollie list: <c>{count,_embedded:{payments:[…]},_links:{next,previous}}</c>.</summary>
public sealed record MollieList<T>(int Count, IReadOnlyList<T> Items, MollieLinks? Links)
{
    /// <summary>The <c>from</c> cursor of the next page, or null on the last page.</summary>
    public string? NextFrom => Links?.Next is { } next ? QueryValue(next.Href, "from") : null;

    private static string? QueryValue(string href, string name)
    {
        var query = new Uri(href, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute ? absolute.Query : href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..];
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return values.TryGetValue(name, out var value) ? value.ToString() : null;
    }
}

internal sealed record MollieListResponse<T>(
    int Count,
    [property: JsonPropertyName("_embedded")] Dictionary<string, List<T>>? Embedded,
    [property: JsonPropertyName("_links")] MollieLinks? Links)
{
    public MollieList<T> ToList() => new(Count, Embedded?.Values.FirstOrDefault() ?? [], Links);
}
