using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>Customers, mandates, refunds, chargebacks and payment links in Mollie's shapes.</summary>
internal static partial class SimJson
{
    public static JsonObject Customer(SimCustomer c, string baseUrl) => new()
    {
        ["resource"] = "customer",
        ["id"] = c.Id,
        ["mode"] = "test",
        ["name"] = c.Name,
        ["email"] = c.Email,
        ["locale"] = c.Locale,
        ["metadata"] = c.Metadata?.DeepClone(),
        ["createdAt"] = Time(c.CreatedAt),
        ["_links"] = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/customers/{c.Id}"),
            ["dashboard"] = Link($"{DashboardBase}/customers/{c.Id}", "text/html"),
            ["mandates"] = Link($"{baseUrl}/v2/customers/{c.Id}/mandates"),
            ["payments"] = Link($"{baseUrl}/v2/customers/{c.Id}/payments"),
            ["documentation"] = Link("https://docs.mollie.com/reference/v2/customers-api/get-customer", "text/html"),
        },
    };

    public static JsonObject Mandate(SimMandate m, string baseUrl) => new()
    {
        ["resource"] = "mandate",
        ["id"] = m.Id,
        ["mode"] = "test",
        ["status"] = m.Status,
        ["method"] = m.Method,
        ["details"] = m.Details.DeepClone(),
        ["mandateReference"] = m.MandateReference,
        ["signatureDate"] = m.SignatureDate,
        ["createdAt"] = Time(m.CreatedAt),
        ["customerId"] = m.CustomerId,
        ["_links"] = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/customers/{m.CustomerId}/mandates/{m.Id}"),
            ["dashboard"] = Link($"{DashboardBase}/customers/{m.CustomerId}", "text/html"),
            ["customer"] = Link($"{baseUrl}/v2/customers/{m.CustomerId}"),
            ["documentation"] = Link("https://docs.mollie.com/reference/v2/mandates-api/get-mandate", "text/html"),
        },
    };

    public static JsonObject Refund(SimRefund r, string baseUrl) => new()
    {
        ["resource"] = "refund",
        ["id"] = r.Id,
        ["mode"] = "test",
        ["amount"] = r.Amount.ToJson(),
        ["status"] = r.Status,
        ["createdAt"] = Time(r.CreatedAt),
        ["description"] = r.Description ?? "",
        ["metadata"] = r.Metadata?.DeepClone(),
        ["paymentId"] = r.PaymentId,
        ["settlementAmount"] = r.Amount.With(-r.Amount.Value).ToJson(),
        ["_links"] = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/payments/{r.PaymentId}/refunds/{r.Id}"),
            ["payment"] = Link($"{baseUrl}/v2/payments/{r.PaymentId}"),
            ["documentation"] = Link("https://docs.mollie.com/reference/v2/refunds-api/get-payment-refund", "text/html"),
        },
    };

    /// <summary>docs.mollie.com/reference/get-chargeback: the settlement amount is negative; <c>reversedAt</c> is null until reversed.</summary>
    public static JsonObject Chargeback(SimChargeback c, string baseUrl, JsonNode? embeddedPayment)
    {
        var json = new JsonObject
        {
            ["resource"] = "chargeback",
            ["id"] = c.Id,
            ["amount"] = c.Amount.ToJson(),
            ["settlementAmount"] = c.Amount.With(-c.Amount.Value).ToJson(),
            ["createdAt"] = Time(c.CreatedAt),
            ["reason"] = new JsonObject { ["code"] = c.ReasonCode, ["description"] = c.ReasonDescription },
            ["reversedAt"] = c.ReversedAt is { } reversed ? Time(reversed) : null,
            ["paymentId"] = c.PaymentId,
        };
        if (embeddedPayment is not null)
        {
            json["_embedded"] = new JsonObject { ["payment"] = embeddedPayment };
        }
        json["_links"] = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/payments/{c.PaymentId}/chargebacks/{c.Id}"),
            ["payment"] = Link($"{baseUrl}/v2/payments/{c.PaymentId}"),
            ["documentation"] = Link("https://docs.mollie.com/reference/get-chargeback", "text/html"),
        };
        return json;
    }

    /// <summary>docs.mollie.com/reference/get-payment-link: <c>_links.paymentLink</c> is the page the payer opens.</summary>
    public static JsonObject PaymentLink(SimPaymentLink l, string baseUrl) => new()
    {
        ["resource"] = "payment-link",
        ["id"] = l.Id,
        ["mode"] = "test",
        ["description"] = l.Description,
        ["amount"] = l.Amount?.ToJson(),
        ["minimumAmount"] = l.MinimumAmount?.ToJson(),
        ["archived"] = l.Archived,
        ["redirectUrl"] = l.RedirectUrl,
        ["webhookUrl"] = l.WebhookUrl,
        ["profileId"] = ProfileId,
        ["reusable"] = l.Reusable,
        ["createdAt"] = Time(l.CreatedAt),
        ["paidAt"] = l.PaidAt is { } paid ? Time(paid) : null,
        ["updatedAt"] = l.UpdatedAt is { } updated ? Time(updated) : null,
        ["expiresAt"] = l.ExpiresAt is { } expires ? Time(expires) : null,
        ["allowedMethods"] = l.AllowedMethods.Count == 0 ? null : new JsonArray(l.AllowedMethods.Select(m => (JsonNode?)m).ToArray()),
        ["_links"] = new JsonObject
        {
            ["self"] = Link($"{baseUrl}/v2/payment-links/{l.Id}"),
            ["paymentLink"] = Link($"{baseUrl}/pay/{l.Id}", "text/html"),
            ["documentation"] = Link("https://docs.mollie.com/reference/get-payment-link", "text/html"),
        },
    };
}
