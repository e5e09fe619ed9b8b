using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The Methods API (docs.mollie.com/reference/list-methods, list-all-methods, get-method): <c>sequenceType</c>,
/// <c>amount[value]</c>/<c>amount[currency]</c>, <c>locale</c> (translated descriptions) and <c>include=issuers</c>.
/// </summary>
internal static class MethodsList
{
    private static readonly IReadOnlyList<(string Id, string Name, string Bic)> IdealIssuers =
    [
        ("ideal_ABNANL2A", "ABN AMRO", "ABNANL2A"),
        ("ideal_INGBNL2A", "ING", "INGBNL2A"),
        ("ideal_RABONL2U", "Rabobank", "RABONL2U"),
        ("ideal_SNSBNL2A", "SNS", "SNSBNL2A"),
    ];

    private static readonly Dictionary<string, Dictionary<string, string>> Translations = new(StringComparer.Ordinal)
    {
        ["nl_NL"] = new() { ["creditcard"] = "Creditcard", ["banktransfer"] = "Overboeking", ["directdebit"] = "SEPA-incasso" },
        ["de_DE"] = new() { ["creditcard"] = "Kreditkarte", ["banktransfer"] = "Überweisung", ["directdebit"] = "SEPA-Lastschrift" },
        ["fr_FR"] = new() { ["creditcard"] = "Carte bancaire", ["banktransfer"] = "Virement bancaire", ["directdebit"] = "Prélèvement SEPA" },
    };

    /// <summary>A method's name in <paramref name="locale"/> where the simulator knows one, else its English description.</summary>
    public static string DescriptionIn(PaymentMethod method, string? locale) =>
        locale is not null && Translations.TryGetValue(locale, out var names) && names.TryGetValue(method.Id, out var name) ? name : method.Description;

    /// <summary>GET /v2/methods (activated methods that fit sequence type and amount) or /v2/methods/all (every method).</summary>
    public static SimResponse Answer(ApiCall call, bool all)
    {
        if (Filter(call, out var sequenceType, out var currency, out var amount) is { } problem)
        {
            return problem;
        }
        var methods = PaymentMethod.All
            .Where(m => all || (m.SequenceTypes.Contains(sequenceType) && m.Currencies.Contains(currency)))
            .Where(m => amount is null || (all ? m.Currencies.Contains(amount.Currency) : m.Accepts(amount, sequenceType)))
            .Select(m => Render(m, call, currency));
        return SimResponse.Json(200, SimJson.List("methods", methods, $"{call.BaseUrl}/v2/methods{(all ? "/all" : "")}"));
    }

    /// <summary>GET /v2/methods/{id}: 404 for a method the simulator does not offer.</summary>
    public static SimResponse One(ApiCall call, string id)
    {
        if (Filter(call, out _, out var currency, out _) is { } problem)
        {
            return problem;
        }
        return PaymentMethod.Find(id) is { } method ? SimResponse.Json(200, Render(method, call, call.Query("currency") ?? currency)) : SimResponse.NotFound("method", id);
    }

    private static SimResponse? Filter(ApiCall call, out string sequenceType, out string currency, out SimAmount? amount)
    {
        sequenceType = call.Query("sequenceType") ?? "oneoff";
        currency = call.Query("amount[currency]") ?? "EUR";
        amount = null;
        if (sequenceType is not ("oneoff" or "first" or "recurring"))
        {
            return SimResponse.Problem(400, "The sequence type is invalid", "sequenceType");
        }
        if (call.Query("locale") is { } locale && PaymentRequest.CheckLocale(locale) is not null)
        {
            return SimResponse.Problem(400, "The locale is invalid", "locale");
        }
        if (call.Query("include") is { } include && include.Split(',').Any(i => i.Trim() is not ("issuers" or "pricing")))
        {
            return SimResponse.Problem(400, "The include parameter is invalid; use issuers or pricing", "include");
        }
        if (call.Query("amount[value]") is { } value)
        {
            var json = System.Text.Json.JsonSerializer.SerializeToElement(new { currency, value });
            amount = SimAmount.Parse(json, "amount", out var problem);
            return amount is null ? problem : null;
        }
        return null;
    }

    private static JsonObject Render(PaymentMethod method, ApiCall call, string currency)
    {
        var json = method.ToJson(call.BaseUrl, currency);
        if (call.Query("locale") is { } locale && Translations.TryGetValue(locale, out var names) && names.TryGetValue(method.Id, out var name))
        {
            json["description"] = name;
        }
        if (call.QueryList("include").Contains("issuers") && method.Id == "ideal")
        {
            json["issuers"] = new JsonArray(IdealIssuers.Select(i => (JsonNode?)new JsonObject
            {
                ["resource"] = "issuer",
                ["id"] = i.Id,
                ["name"] = i.Name,
                ["image"] = new JsonObject
                {
                    ["size1x"] = $"https://www.mollie.com/external/icons/ideal-issuers/{i.Bic}.png",
                    ["size2x"] = $"https://www.mollie.com/external/icons/ideal-issuers/{i.Bic}%402x.png",
                    ["svg"] = $"https://www.mollie.com/external/icons/ideal-issuers/{i.Bic}.svg",
                },
            }).ToArray());
        }
        return json;
    }
}
