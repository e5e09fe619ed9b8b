using System.Globalization;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>Writes simulator state in Mollie's HAL JSON shapes; members that do not apply are left out, as Mollie does.</summary>
internal static partial class SimJson
{
    public const string ProfileId = "pfl_simulator";

    /// <summary>Where Mollie's own dashboard shows a resource; the simulator has none, so these are Mollie's URL shapes.</summary>
    public const string DashboardBase = "https://my.mollie.com/dashboard/org_simulator";

    public static JsonObject Link(string href, string type = "application/hal+json") => new() { ["href"] = href, ["type"] = type };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static JsonObject Payment(SimPayment p, string baseUrl, IReadOnlySet<string>? embed = null)
    {
        var json = new JsonObject
        {
            ["resource"] = "payment",
            ["id"] = p.Id,
            ["mode"] = "test",
            ["createdAt"] = Time(p.CreatedAt),
            ["amount"] = p.Amount.ToJson(),
            ["description"] = p.Description,
            ["method"] = p.Method,
            ["metadata"] = p.Metadata?.DeepClone(),
            ["status"] = p.Status,
        };
        if (!PaymentStatus.IsFinal(p.Status))
        {
            json["isCancelable"] = p.IsCancelable;
        }
        AddTime(json, "expiresAt", PaymentStatus.IsFinal(p.Status) ? null : p.ExpiresAt);
        AddTime(json, "authorizedAt", p.AuthorizedAt);
        AddTime(json, "paidAt", p.PaidAt);
        AddTime(json, "canceledAt", p.CanceledAt);
        AddTime(json, "expiredAt", p.ExpiredAt);
        AddTime(json, "failedAt", p.FailedAt);
        if (p.IsRefundable)
        {
            json["amountRefunded"] = p.Amount.With(p.Refunded).ToJson();
            json["amountRemaining"] = p.Amount.With(p.Remaining).ToJson();
            json["settlementAmount"] = p.Amount.ToJson();
        }
        if (p.ChargedBack > 0)
        {
            json["amountChargedBack"] = p.Amount.With(p.ChargedBack).ToJson();
        }
        json["profileId"] = ProfileId;
        json["sequenceType"] = p.SequenceType;
        json["redirectUrl"] = p.RedirectUrl;
        if (p.CancelUrl is not null)
        {
            json["cancelUrl"] = p.CancelUrl;
        }
        json["webhookUrl"] = p.WebhookUrl;
        if (p.Locale is not null)
        {
            json["locale"] = p.Locale;
        }
        if (p.CustomerId is not null)
        {
            json["customerId"] = p.CustomerId;
        }
        if (p.MandateId is not null)
        {
            json["mandateId"] = p.MandateId;
        }
        if (p.PaymentLinkId is not null)
        {
            json["paymentLinkId"] = p.PaymentLinkId;
        }
        json["details"] = p.Details?.DeepClone();
        if (embed is { Count: > 0 })
        {
            var embedded = new JsonObject();
            if (embed.Contains("refunds"))
            {
                embedded["refunds"] = new JsonArray(p.Refunds.Select(r => (JsonNode?)Refund(r, baseUrl)).ToArray());
            }
            if (embed.Contains("chargebacks"))
            {
                embedded["chargebacks"] = new JsonArray(p.Chargebacks.Select(c => (JsonNode?)Chargeback(c, baseUrl, null)).ToArray());
            }
            json["_embedded"] = embedded;
        }
        json["_links"] = PaymentLinks(p, baseUrl);
        return json;
    }

    private static JsonObject PaymentLinks(SimPayment p, string baseUrl)
    {
        var links = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/payments/{p.Id}"),
        };
        if (!p.IsRecurring && p.Status == PaymentStatus.Open)
        {
            links["checkout"] = Link($"{baseUrl}/checkout/{p.Id}", "text/html");
        }
        // Test mode only: where a tester sets the final status of a payment that has no checkout.
        links["changePaymentState"] = Link($"{baseUrl}/_sim/payments/{p.Id}/status", "text/html");
        links["dashboard"] = Link($"{DashboardBase}/payments/{p.Id}", "text/html");
        if (p.Refunds.Count > 0)
        {
            links["refunds"] = Link($"{baseUrl}/v2/payments/{p.Id}/refunds");
        }
        if (p.Chargebacks.Count > 0)
        {
            links["chargebacks"] = Link($"{baseUrl}/v2/payments/{p.Id}/chargebacks");
        }
        if (p.CustomerId is not null)
        {
            links["customer"] = Link($"{baseUrl}/v2/customers/{p.CustomerId}");
        }
        if (p.MandateId is not null && p.CustomerId is not null)
        {
            links["mandate"] = Link($"{baseUrl}/v2/customers/{p.CustomerId}/mandates/{p.MandateId}");
        }
        links["documentation"] = Link("https://docs.mollie.com/reference/v2/payments-api/get-payment", "text/html");
        return links;
    }

    /// <summary>A list page: <c>{count,_embedded:{name:[…]},_links:{self,previous,next,documentation}}</c>.</summary>
    public static JsonObject List(string name, IEnumerable<JsonNode> items, string selfHref, string? previousHref = null, string? nextHref = null)
    {
        var array = new JsonArray(items.ToArray<JsonNode?>());
        return new JsonObject
        {
            ["count"] = array.Count,
            ["_embedded"] = new JsonObject { [name] = array },
            ["_links"] = new JsonObject
            {
                ["self"] = Link(selfHref),
                ["previous"] = previousHref is null ? null : Link(previousHref),
                ["next"] = nextHref is null ? null : Link(nextHref),
                ["documentation"] = Link("https://docs.mollie.com/overview/pagination", "text/html"),
            },
        };
    }

    private static void AddTime(JsonObject json, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            json[name] = Time(value);
        }
    }
}
