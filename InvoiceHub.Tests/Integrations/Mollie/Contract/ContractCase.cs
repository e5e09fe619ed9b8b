using System.Text.Json;
using System.Text.RegularExpressions;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

/// <summary>
/// One request/response pair of the contract catalogue, written from the Mollie reference page named in
/// <see cref="Page"/> (https://docs.mollie.com/reference/{Page} unless it is a full URL).
/// </summary>
public sealed record ContractCase(string Page, string Behaviour, Func<ContractWorld, Task<ContractRequest>> Arrange, int Status, IReadOnlyList<Expect> Expectations)
{
    public string Name => $"{Page}: {Behaviour}";

    public string Reference => Page.StartsWith("https://", StringComparison.Ordinal) ? Page : "https://docs.mollie.com/reference/" + Page;

    /// <summary>Run against a simulator with Mollie's own webhook-URL rule (no Development exception).</summary>
    public bool MollieWebhookRule { get; init; }
}

/// <summary>The request a case sends to <c>/v2{Path}</c>: JSON, form fields, or a raw body with its content type.</summary>
public sealed record ContractRequest(HttpMethod Method, string Path)
{
    public object? Json { get; init; }
    public IReadOnlyDictionary<string, string>? Form { get; init; }
    public (string Text, string ContentType)? Raw { get; init; }
    public string? IdempotencyKey { get; init; }
    public bool Authenticated { get; init; } = true;

    public static ContractRequest Get(string path) => new(HttpMethod.Get, path);
    public static ContractRequest Post(string path, object json) => new(HttpMethod.Post, path) { Json = json };
    public static ContractRequest PostForm(string path, IReadOnlyDictionary<string, string> form) => new(HttpMethod.Post, path) { Form = form };
    public static ContractRequest Patch(string path, object json) => new(HttpMethod.Patch, path) { Json = json };
    public static ContractRequest Delete(string path) => new(HttpMethod.Delete, path);
}

/// <summary>One thing the reference page says about the answer; <c>{name}</c> in values means the world's variable.</summary>
public abstract record Expect
{
    public abstract string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars);

    public static Expect Eq(string path, object? value) => new EqualTo(path, value);
    public static Expect Present(string path) => new Presence(path, true);
    public static Expect Absent(string path) => new Presence(path, false);
    public static Expect Null(string path) => new EqualTo(path, null);
    public static Expect Match(string path, string pattern) => new Matches(path, pattern);
    public static Expect Count(string path, int count) => new Length(path, count);
    public static Expect HasId(string path, string id) => new ListHasId(path, id, true);
    public static Expect LacksId(string path, string id) => new ListHasId(path, id, false);
    public static Expect Header(string name, string value) => new HeaderIs(name, value);

    internal static string Fill(string text, IReadOnlyDictionary<string, string> vars) =>
        Regex.Replace(text, @"\{(\w+)\}", m => vars.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>Dotted path with indexes: <c>_embedded.payments[0].id</c>.</summary>
    internal static JsonElement? Find(JsonElement root, string path)
    {
        JsonElement current = root;
        foreach (Match part in Regex.Matches(path, @"[^.\[\]]+|\[\d+\]"))
        {
            if (part.Value.StartsWith('['))
            {
                var index = int.Parse(part.Value.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || current.GetArrayLength() <= index)
                {
                    return null;
                }
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part.Value, out current))
            {
                return null;
            }
        }
        return current;
    }

    private sealed record EqualTo(string Path, object? Value) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars)
        {
            var found = Find(root, Path);
            if (found is not { } element)
            {
                return $"{Path} is missing; expected {Value ?? "null"}";
            }
            if (Value is string text)
            {
                var wanted = Fill(text, vars);
                return element.ValueKind == JsonValueKind.String && element.GetString() == wanted ? null : $"{Path} is {element.GetRawText()}; expected \"{wanted}\"";
            }
            var expected = Value switch
            {
                null => "null",
                bool flag => flag ? "true" : "false",
                _ => Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture)!,
            };
            return element.GetRawText() == expected ? null : $"{Path} is {element.GetRawText()}; expected {expected}";
        }
    }

    private sealed record Presence(string Path, bool Wanted) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars)
        {
            var found = Find(root, Path);
            var present = found is { ValueKind: not JsonValueKind.Null };
            return present == Wanted ? null : Wanted ? $"{Path} should be present" : $"{Path} should be absent but is {found?.GetRawText()}";
        }
    }

    private sealed record Matches(string Path, string Pattern) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars) =>
            Find(root, Path) is { ValueKind: JsonValueKind.String } text && Regex.IsMatch(text.GetString()!, Pattern)
                ? null
                : $"{Path} should match {Pattern} but is {Find(root, Path)?.GetRawText() ?? "missing"}";
    }

    private sealed record Length(string Path, int Expected) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars)
        {
            var found = Find(root, Path);
            var actual = found switch
            {
                { ValueKind: JsonValueKind.Array } array => array.GetArrayLength(),
                { ValueKind: JsonValueKind.Number } number => number.GetInt32(),
                _ => -1,
            };
            return actual == Expected ? null : $"{Path} should count {Expected} but counts {actual}";
        }
    }

    private sealed record ListHasId(string Path, string Id, bool Has) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars)
        {
            var id = Fill(Id, vars);
            var ids = Find(root, Path) is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(e => e.TryGetProperty("id", out var v) ? v.GetString() : null).ToList()
                : [];
            return ids.Contains(id) == Has ? null : $"{Path} {(Has ? "lacks" : "holds")} {id}: [{string.Join(", ", ids)}]";
        }
    }

    private sealed record HeaderIs(string Name, string Value) : Expect
    {
        public override string? Check(JsonElement root, HttpResponseMessage response, IReadOnlyDictionary<string, string> vars) =>
            response.Headers.TryGetValues(Name, out var values) && values.Contains(Value) ? null : $"header {Name} should be {Value}";
    }
}
