using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.Expect;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

public static partial class ContractCatalogue
{
    /// <summary>create-payment, get-payment, list-payments (docs.mollie.com/reference/…, MOLLIE.md §2, §8).</summary>
    private static IEnumerable<ContractCase> Payments() =>
    [
        C("create-payment", "a JSON request gives an open test payment with its links", w => Task.FromResult(Post("/payments", w.PaymentBody("10.00", "ideal"))), 201,
            Eq("resource", "payment"), Match("id", "^tr_[A-Za-z0-9]+$"), Eq("mode", "test"), Eq("status", "open"), Eq("isCancelable", false),
            Eq("amount.value", "10.00"), Eq("amount.currency", "EUR"), Eq("method", "ideal"), Eq("sequenceType", "oneoff"), Present("expiresAt"),
            Match("createdAt", @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$"), Absent("amountRefunded"), Absent("paidAt"),
            Present("_links.self.href"), Eq("_links.self.type", "application/hal+json"), Eq("_links.checkout.type", "text/html"),
            Present("_links.dashboard.href"), Present("_links.documentation.href")),
        C("create-payment", "form-encoded fields are read like JSON", Send(PostForm("/payments", new Dictionary<string, string>
        {
            ["amount[currency]"] = "EUR", ["amount[value]"] = "12.50", ["description"] = "Invoice 2026-0043",
            ["redirectUrl"] = "https://invoicehub.example/done", ["method[]"] = "creditcard", ["metadata[invoice]"] = "43",
        })), 201, Eq("amount.value", "12.50"), Eq("method", "creditcard"), Eq("metadata.invoice", "43")),
        C("create-payment", "method as an array leaves the choice open and gives bank transfer details", w => Task.FromResult(Post("/payments", w.PaymentBody("10.00", new[] { "ideal", "banktransfer" }))), 201,
            Null("method"), Present("details.bankName"), Present("details.bankAccount"), Present("details.bankBic"), Present("details.transferReference")),
        C("create-payment", "a bank transfer is open, cancelable and carries its transfer details", w => Task.FromResult(Post("/payments", w.PaymentBody("10.00", "banktransfer"))), 201,
            Eq("method", "banktransfer"), Eq("isCancelable", true), Present("details.bankAccount"), Present("details.transferReference")),
        C("create-payment", "an amount without exactly two decimals is refused", w => Task.FromResult(Post("/payments", w.PaymentBody("16.1", "ideal"))), 422,
            Eq("field", "amount.value"), Eq("detail", "The amount contains an invalid value")),
        C("create-payment", "an amount above the method's maximum is refused", w => Task.FromResult(Post("/payments", w.PaymentBody("50000.01", "ideal"))), 422,
            Eq("field", "amount"), Eq("detail", "The amount is higher than the maximum")),
        C("create-payment", "an amount below the method's minimum is refused", w => Task.FromResult(Post("/payments", w.PaymentBody("0.00", "ideal"))), 422,
            Eq("field", "amount"), Eq("detail", "The amount is lower than the minimum")),
        C("create-payment", "a card first payment may be 0.00 to register a mandate", async w =>
        {
            var customer = await w.CustomerAsync();
            return Post("/payments", new { amount = new { currency = "EUR", value = "0.00" }, description = "Card check", redirectUrl = "https://invoicehub.example/done", method = "creditcard", sequenceType = "first", customerId = customer });
        }, 201, Eq("sequenceType", "first"), Eq("customerId", "{customer}"), Present("_links.customer.href")),
        C("create-payment", "metadata over 1 KB is refused", w => Task.FromResult(Post("/payments", new
        {
            amount = new { currency = "EUR", value = "10.00" }, description = "Too much", redirectUrl = "https://invoicehub.example/done", metadata = new { note = new string('x', 1100) },
        })), 422, Eq("field", "metadata")),
        C("create-payment", "Mollie refuses a webhook URL it cannot reach", Send(Post("/payments", new
        {
            amount = new { currency = "EUR", value = "10.00" }, description = "Local hook", redirectUrl = "https://invoicehub.example/done", webhookUrl = "http://localhost:5080/webhooks/mollie",
        })), 422, Eq("field", "webhookUrl"), Eq("detail", "The webhook URL is invalid because it is unreachable from Mollie's point of view.")) with { MollieWebhookRule = true },
        C("create-payment", "a public webhook URL is accepted under Mollie's rule", Send(Post("/payments", new
        {
            amount = new { currency = "EUR", value = "10.00" }, description = "Public hook", redirectUrl = "https://invoicehub.example/done", webhookUrl = "https://invoicehub.example/webhooks/mollie",
        })), 201, Eq("webhookUrl", "https://invoicehub.example/webhooks/mollie")) with { MollieWebhookRule = true },
        C("create-payment", "a one-off payment needs a redirect URL", Send(Post("/payments", new { amount = new { currency = "EUR", value = "10.00" }, description = "No redirect" })), 422,
            Eq("field", "redirectUrl")),
        C("create-payment", "direct debit is not a one-off checkout method", w => Task.FromResult(Post("/payments", w.PaymentBody("10.00", "directdebit"))), 422,
            Eq("field", "method")),
        C("get-payment", "an unknown payment is a 404", Send(Get("/payments/tr_unknown")), 404, Eq("detail", "No payment exists with token tr_unknown.")),
        C("get-payment", "a paid card payment shows what can still be refunded", async w => Get($"/payments/{await w.PaidPaymentAsync()}"), 200,
            Eq("status", "paid"), Present("paidAt"), Eq("amountRefunded.value", "0.00"), Eq("amountRemaining.value", "10.00"), Absent("isCancelable"),
            Absent("expiresAt"), Absent("_links.checkout"), Eq("details.cardLabel", "Mastercard")),
        C("get-payment", "embed=refunds,chargebacks embeds both", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            await w.RefundAsync(payment, "2.00");
            await w.ChargebackAsync(payment);
            return Get($"/payments/{payment}?embed=refunds,chargebacks");
        }, 200, Eq("_embedded.refunds[0].id", "{refund}"), Eq("_embedded.chargebacks[0].id", "{chargeback}"), Present("_links.refunds.href"), Present("_links.chargebacks.href")),
        C("list-payments", "newest first, limit pages with next and previous", async w =>
        {
            await w.OpenPaymentAsync(name: "older");
            await w.OpenPaymentAsync(name: "newer");
            return Get("/payments?limit=1");
        }, 200, Eq("count", 1), Eq("_embedded.payments[0].id", "{newer}"), Present("_links.next.href"), Null("_links.previous"), Present("_links.self.href")),
        C("list-payments", "from starts the page at that payment and links back", async w =>
        {
            await w.OpenPaymentAsync(name: "older");
            await w.OpenPaymentAsync(name: "newer");
            return Get($"/payments?from={w.Vars["older"]}&limit=1");
        }, 200, Eq("_embedded.payments[0].id", "{older}"), Present("_links.previous.href")),
        C("list-payments", "sort=asc gives the oldest first", async w =>
        {
            await w.OpenPaymentAsync(name: "older");
            await w.OpenPaymentAsync(name: "newer");
            return Get($"/payments?from={w.Vars["older"]}&sort=asc&limit=2");
        }, 200, Eq("_embedded.payments[0].id", "{older}"), Eq("_embedded.payments[1].id", "{newer}")),
        C("list-payments", "a limit above 250 is refused", Send(Get("/payments?limit=251")), 400, Eq("field", "limit")),
        C("list-payments", "embed=refunds embeds each payment's refunds", async w =>
        {
            await w.RefundAsync(await w.PaidPaymentAsync());
            return Get("/payments?limit=1&embed=refunds");
        }, 200, Eq("_embedded.payments[0].id", "{payment}"), Eq("_embedded.payments[0]._embedded.refunds[0].id", "{refund}")),
    ];
}
