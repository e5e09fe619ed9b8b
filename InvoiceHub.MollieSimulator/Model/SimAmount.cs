using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InvoiceHub.MollieSimulator.Model;

internal sealed partial record SimAmount(string Currency, decimal Value)
{
    private static readonly HashSet<string> ZeroDecimals = new(StringComparer.Ordinal) { "JPY", "ISK" };

    public int Decimals => ZeroDecimals.Contains(Currency) ? 0 : 2;

    public string Text => Value.ToString("F" + Decimals, CultureInfo.InvariantCulture);

    public JsonObject ToJson() => new() { ["value"] = Text, ["currency"] = Currency };

    public SimAmount With(decimal value) => this with { Value = value };

    /// <summary>Mollie's rules: a currency code and a string value with exactly the currency's decimals.</summary>
    public static SimAmount? Parse(JsonElement? element, string field, out SimResponse? problem)
    {
        problem = null;
        if (element is not { ValueKind: JsonValueKind.Object } amount)
        {
            problem = SimResponse.Problem(422, "The amount is required", field);
            return null;
        }
        var currency = amount.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        if (!CurrencyPattern().IsMatch(currency))
        {
            problem = SimResponse.Problem(422, "The currency is invalid", field + ".currency");
            return null;
        }
        var decimals = ZeroDecimals.Contains(currency) ? 0 : 2;
        var text = amount.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var pattern = decimals == 0 ? @"^\d+$" : @"^\d+\.\d{2}$";
        if (!Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            problem = SimResponse.Problem(422, "The amount contains an invalid value", field + ".value");
            return null;
        }
        return new SimAmount(currency, decimal.Parse(text, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
