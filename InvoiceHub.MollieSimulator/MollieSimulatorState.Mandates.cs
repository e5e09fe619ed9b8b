using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>The Mandates API (docs.mollie.com/reference/create-mandate, get-mandate, list-mandates, revoke-mandate).</summary>
public sealed partial class MollieSimulatorState
{
    /// <summary>A directly registered SEPA mandate: name plus a valid IBAN gives a valid mandate.</summary>
    internal SimResponse CreateMandate(string customerId, JsonElement body, string baseUrl)
    {
        var method = Json.Text(body, "method");
        if (method != "directdebit")
        {
            return SimResponse.Problem(422, "The mandate method is invalid; the simulator registers directdebit mandates", "method");
        }
        var name = Json.Text(body, "consumerName");
        if (string.IsNullOrWhiteSpace(name))
        {
            return SimResponse.Problem(422, "The consumer name is missing", "consumerName");
        }
        var iban = (Json.Text(body, "consumerAccount") ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (!IsValidIban(iban))
        {
            return SimResponse.Problem(422, "The consumer account is invalid", "consumerAccount");
        }
        var now = Now;
        lock (_gate)
        {
            if (CustomerProblem(customerId) is { } problem)
            {
                return problem;
            }
            var customer = _customers[customerId];
            var mandate = new SimMandate
            {
                Id = NewId("mdt_"),
                CustomerId = customerId,
                Method = "directdebit",
                Details = new JsonObject
                {
                    ["consumerName"] = name,
                    ["consumerAccount"] = iban,
                    ["consumerBic"] = Json.Text(body, "consumerBic") ?? "TESTNL2A",
                },
                MandateReference = Json.Text(body, "mandateReference"),
                SignatureDate = Json.Text(body, "signatureDate") ?? now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                CreatedAt = now,
            };
            customer.Mandates.Add(mandate);
            return SimResponse.Json(201, SimJson.Mandate(mandate, baseUrl));
        }
    }

    internal SimResponse ListMandates(string customerId, PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            return CustomerProblem(customerId)
                ?? Pagination.Answer(page, "mandates", "mandate", _customers[customerId].Mandates.Where(m => !m.Revoked), m => m.Id, m => SimJson.Mandate(m, baseUrl));
        }
    }

    internal SimResponse GetMandate(string customerId, string mandateId, string baseUrl)
    {
        lock (_gate)
        {
            var mandate = FindMandate(customerId, mandateId);
            return mandate switch
            {
                null => SimResponse.NotFound("mandate", mandateId),
                { Revoked: true } => SimResponse.Problem(410, $"The mandate {mandateId} has been revoked."),
                _ => SimResponse.Json(200, SimJson.Mandate(mandate, baseUrl)),
            };
        }
    }

    internal SimResponse RevokeMandate(string customerId, string mandateId)
    {
        lock (_gate)
        {
            var mandate = FindMandate(customerId, mandateId);
            if (mandate is null || mandate.Revoked)
            {
                return mandate is null ? SimResponse.NotFound("mandate", mandateId) : SimResponse.Problem(410, $"The mandate {mandateId} has been revoked.");
            }
            mandate.Revoked = true;
            mandate.Status = "invalid";
            return SimResponse.NoContent();
        }
    }

    private SimMandate? FindMandate(string customerId, string mandateId) =>
        _customers.TryGetValue(customerId, out var customer) ? customer.Mandates.FirstOrDefault(m => m.Id == mandateId) : null;

    /// <summary>ISO 13616: country code, check digits, and the mod-97 check over the rearranged digits.</summary>
    internal static bool IsValidIban(string iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }
        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        return BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97 == 1;
    }
}
