using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace InvoiceHub.MollieSimulator;

/// <summary>The <c>from</c>, <c>limit</c> and <c>sort</c> query of a list call, plus the URL the page links are built on.</summary>
internal sealed record PageRequest(string? From, string? Limit, string? Sort, string SelfUrl, string QueryString);

/// <summary>
/// Mollie's cursor pagination (docs.mollie.com/overview/pagination): <c>from</c> names the first item of the page,
/// <c>limit</c> is 1–250 (default 50), <c>sort</c> is <c>desc</c> (newest first, the default) or <c>asc</c>; the
/// answer links <c>self</c>, <c>previous</c> and <c>next</c> (null at either end) with the other query values kept.
/// </summary>
internal static class Pagination
{
    public static SimResponse Answer<T>(PageRequest request, string name, string kind, IEnumerable<T> oldestFirst, Func<T, string> id, Func<T, JsonNode> render)
    {
        var limit = 50;
        if (request.Limit is not null && (!int.TryParse(request.Limit, out limit) || limit is < 1 or > 250))
        {
            return SimResponse.Problem(400, "The limit must be between 1 and 250", "limit");
        }
        if (request.Sort is not (null or "asc" or "desc"))
        {
            return SimResponse.Problem(400, "The sort must be asc or desc", "sort");
        }
        var ordered = request.Sort == "asc" ? oldestFirst.ToList() : oldestFirst.Reverse().ToList();
        var start = 0;
        if (request.From is not null)
        {
            start = ordered.FindIndex(item => id(item) == request.From);
            if (start < 0)
            {
                return SimResponse.NotFound(kind, request.From);
            }
        }
        var page = ordered.Skip(start).Take(limit).ToList();
        var next = start + limit < ordered.Count ? Link(request, id(ordered[start + limit]), limit) : null;
        var previous = start > 0 ? Link(request, id(ordered[Math.Max(0, start - limit)]), limit) : null;
        return SimResponse.Json(200, SimJson.List(name, page.Select(render), Link(request, request.From, limit), previous, next));
    }

    private static string Link(PageRequest request, string? from, int limit)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString);
        var parameters = new List<KeyValuePair<string, string?>>();
        if (from is not null)
        {
            parameters.Add(new("from", from));
        }
        parameters.Add(new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        parameters.AddRange(query.Where(q => q.Key is not ("from" or "limit")).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
        return QueryHelpers.AddQueryString(request.SelfUrl, parameters);
    }
}
