using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary><c>GET /v2/methods</c>: the methods that fit the sequence type and amount asked for (EUR when none).</summary>
internal static class MethodsList
{
    public static SimResponse Answer(ApiCall call)
    {
        var sequenceType = call.Query("sequenceType") ?? "oneoff";
        if (sequenceType is not ("oneoff" or "first" or "recurring"))
        {
            return SimResponse.Problem(400, "The sequence type is invalid", "sequenceType");
        }
        var currency = call.Query("amount[currency]") ?? "EUR";
        var value = call.Query("amount[value]");
        SimAmount? amount = null;
        if (value is not null)
        {
            var json = System.Text.Json.JsonSerializer.SerializeToElement(new { currency, value });
            amount = SimAmount.Parse(json, "amount", out var problem);
            if (amount is null)
            {
                return problem!;
            }
        }
        var methods = PaymentMethod.All
            .Where(m => m.SequenceTypes.Contains(sequenceType) && m.Currencies.Contains(currency))
            .Where(m => amount is null || m.Accepts(amount, sequenceType))
            .Select(m => m.ToJson(call.BaseUrl, currency));
        return SimResponse.Json(200, SimJson.List("methods", methods, $"{call.BaseUrl}/v2/methods"));
    }
}
