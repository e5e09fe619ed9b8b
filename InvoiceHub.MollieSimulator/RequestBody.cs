using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Mollie takes JSON and, as its curl examples show, form encoding (<c>amount[currency]=EUR&amp;method[]=ideal</c>);
/// both become the same JSON element here, so handlers read one shape. Other content types get 415.
/// </summary>
internal static class RequestBody
{
    public static SimResponse? TryParse(HttpRequest request, string text, out JsonElement body)
    {
        body = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
        if (mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            body = JsonSerializer.SerializeToElement(FromForm(QueryHelpers.ParseQuery(text)));
            return null;
        }
        if (mediaType.Length > 0 && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return SimResponse.Problem(415, $"The request's content type {mediaType} is not supported; send application/json or application/x-www-form-urlencoded.");
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
            return null;
        }
        catch (JsonException)
        {
            return SimResponse.Problem(400, "The request body is not valid JSON.");
        }
    }

    /// <summary><c>a[b]=1</c> becomes <c>{"a":{"b":"1"}}</c>; <c>a[]=x&amp;a[]=y</c> and <c>a[0]=x</c> become arrays.</summary>
    internal static JsonObject FromForm(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> form)
    {
        var root = new JsonObject();
        foreach (var (key, values) in form)
        {
            var path = key.Replace("]", "", StringComparison.Ordinal).Split('[');
            foreach (var value in values)
            {
                Put(root, path, value ?? "");
            }
        }
        return root;
    }

    private static void Put(JsonObject root, string[] path, string value)
    {
        JsonNode parent = root;
        for (var i = 0; i < path.Length; i++)
        {
            var name = path[i];
            var last = i == path.Length - 1;
            var nextIsIndex = !last && (path[i + 1].Length == 0 || int.TryParse(path[i + 1], out _));
            if (parent is JsonArray array)
            {
                if (last)
                {
                    array.Add(value);
                    return;
                }
                var index = name.Length == 0 ? array.Count : int.Parse(name, System.Globalization.CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(nextIsIndex ? new JsonArray() : new JsonObject());
                }
                parent = array[index]!;
                continue;
            }
            var obj = (JsonObject)parent;
            if (last)
            {
                obj[name] = value;
                return;
            }
            if (obj[name] is not (JsonObject or JsonArray))
            {
                obj[name] = nextIsIndex ? new JsonArray() : new JsonObject();
            }
            parent = obj[name]!;
        }
    }
}
