using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.Expect;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

public static partial class ContractCatalogue
{
    /// <summary>list-methods, list-all-methods, get-method.</summary>
    private static IEnumerable<ContractCase> Methods() =>
    [
        C("list-methods", "one-off methods for an amount", Send(Get("/methods?amount[value]=10.00&amount[currency]=EUR")), 200,
            HasId("_embedded.methods", "ideal"), HasId("_embedded.methods", "creditcard"), HasId("_embedded.methods", "banktransfer"), LacksId("_embedded.methods", "directdebit"),
            Eq("_embedded.methods[0].resource", "method"), Present("_embedded.methods[0].minimumAmount.value"), Present("_embedded.methods[0].image.svg")),
        C("list-methods", "recurring methods include direct debit but not iDEAL", Send(Get("/methods?sequenceType=recurring")), 200,
            HasId("_embedded.methods", "directdebit"), LacksId("_embedded.methods", "ideal")),
        C("list-methods", "an amount above a method's maximum leaves it out", Send(Get("/methods?amount[value]=60000.00&amount[currency]=EUR")), 200,
            LacksId("_embedded.methods", "ideal"), HasId("_embedded.methods", "banktransfer")),
        C("list-methods", "an invalid locale is refused", Send(Get("/methods?locale=dutch")), 400, Eq("field", "locale")),
        C("list-all-methods", "every method, whatever the sequence type", Send(Get("/methods/all")), 200,
            HasId("_embedded.methods", "directdebit"), HasId("_embedded.methods", "ideal")),
        C("get-method", "include=issuers lists iDEAL's banks", Send(Get("/methods/ideal?include=issuers")), 200,
            Eq("id", "ideal"), Eq("issuers[0].resource", "issuer"), Present("issuers[0].name"), Present("issuers[0].image.svg"), Present("_links.self.href")),
        C("get-method", "locale translates the description", Send(Get("/methods/banktransfer?locale=nl_NL")), 200, Eq("description", "Overboeking")),
        C("get-method", "an unknown method is a 404", Send(Get("/methods/bitcoin")), 404),
    ];

    /// <summary>Customers API, customer payments and Mandates API.</summary>
    private static IEnumerable<ContractCase> Customers() =>
    [
        C("create-customer", "a customer with its links", Send(Post("/customers", new { name = "Acme B.V.", email = "billing@acme.test", locale = "nl_NL", metadata = new { client = 7 } })), 201,
            Eq("resource", "customer"), Match("id", "^cst_"), Eq("mode", "test"), Eq("name", "Acme B.V."), Eq("locale", "nl_NL"), Eq("metadata.client", 7),
            Present("_links.self.href"), Present("_links.dashboard.href"), Present("_links.mandates.href"), Present("_links.payments.href")),
        C("list-customers", "customers page like every list", async w =>
        {
            await w.CustomerAsync();
            return Get("/customers?limit=1");
        }, 200, Eq("count", 1), Eq("_embedded.customers[0].id", "{customer}")),
        C("update-customer", "name and email change; the rest stays", async w => Patch($"/customers/{await w.CustomerAsync()}", new { name = "Acme Holding B.V." }), 200,
            Eq("name", "Acme Holding B.V."), Eq("email", "billing@acme.test")),
        C("delete-customer", "a customer is deleted", async w => Delete($"/customers/{await w.CustomerAsync()}"), 204),
        C("get-customer", "a deleted customer is gone", async w =>
        {
            var customer = await w.CustomerAsync();
            await w.OkAsync(Delete($"/customers/{customer}"));
            return Get($"/customers/{customer}");
        }, 410),
        C("create-customer-payment", "a payment for the customer in the path", async w => Post($"/customers/{await w.CustomerAsync()}/payments", w.PaymentBody("15.00", "creditcard")), 201,
            Eq("customerId", "{customer}"), Eq("amount.value", "15.00"), Present("_links.customer.href")),
        C("list-customer-payments", "only that customer's payments", async w =>
        {
            var customer = await w.CustomerAsync();
            await w.OpenPaymentAsync();
            w.Vars["own"] = (await w.OkAsync(Post($"/customers/{customer}/payments", w.PaymentBody()))).GetProperty("id").GetString()!;
            return Get($"/customers/{customer}/payments");
        }, 200, Eq("count", 1), Eq("_embedded.payments[0].id", "{own}")),
        C("get-mandate", "a mandate names its customer and dashboard", async w => Get($"/customers/{w.Vars["c"] = await w.CustomerAsync()}/mandates/{await w.MandateAsync(w.Vars["c"])}"), 200,
            Eq("resource", "mandate"), Eq("status", "valid"), Eq("method", "directdebit"), Eq("customerId", "{customer}"), Eq("details.consumerAccount", "NL55INGB0000000000"),
            Present("_links.dashboard.href"), Present("_links.customer.href")),
        C("list-mandates", "a customer's mandates", async w =>
        {
            await w.MandateAsync(await w.CustomerAsync());
            return Get($"/customers/{w.Vars["customer"]}/mandates");
        }, 200, Eq("count", 1), Eq("_embedded.mandates[0].id", "{mandate}")),
        C("revoke-mandate", "a revoked mandate answers 410", async w =>
        {
            var customer = await w.CustomerAsync();
            var mandate = await w.MandateAsync(customer);
            await w.OkAsync(Delete($"/customers/{customer}/mandates/{mandate}"));
            return Get($"/customers/{customer}/mandates/{mandate}");
        }, 410),
        C("create-mandate", "an invalid IBAN is refused", async w =>
            Post($"/customers/{await w.CustomerAsync()}/mandates", new { method = "directdebit", consumerName = "Acme", consumerAccount = "NL00INGB0000000000" }), 422, Eq("field", "consumerAccount")),
    ];

    /// <summary>Payment Links API.</summary>
    private static IEnumerable<ContractCase> PaymentLinks() =>
    [
        C("create-payment-link", "a link that does not expire", w => Task.FromResult(Post("/payment-links", new { description = "Credit top-up", amount = new { currency = "EUR", value = "25.00" }, webhookUrl = w.WebhookUrl })), 201,
            Eq("resource", "payment-link"), Match("id", "^pl_"), Eq("mode", "test"), Eq("archived", false), Eq("reusable", false), Null("expiresAt"), Null("paidAt"),
            Eq("amount.value", "25.00"), Eq("_links.paymentLink.type", "text/html"), Present("_links.self.href"), Present("_links.documentation.href")),
        C("create-payment-link", "a description is required", Send(Post("/payment-links", new { amount = new { currency = "EUR", value = "25.00" } })), 422, Eq("field", "description")),
        C("get-payment-link", "a link answers at its id", async w => Get($"/payment-links/{await w.PaymentLinkAsync()}"), 200, Eq("id", "{link}")),
        C("list-payment-links", "links page like every list", async w =>
        {
            await w.PaymentLinkAsync();
            return Get("/payment-links?limit=1");
        }, 200, Eq("count", 1), Eq("_embedded.payment_links[0].id", "{link}")),
        C("update-payment-link", "a link is archived", async w => Patch($"/payment-links/{await w.PaymentLinkAsync()}", new { archived = true, description = "Old top-up" }), 200,
            Eq("archived", true), Eq("description", "Old top-up")),
        C("delete-payment-link", "an unpaid link is deleted", async w => Delete($"/payment-links/{await w.PaymentLinkAsync()}"), 204),
        C("get-payment-link-payments", "the payments made through the link", async w =>
        {
            var link = await w.PaymentLinkAsync();
            using var page = await w.OpenPaymentLinkPageAsync(link);
            Assert.Equal(System.Net.HttpStatusCode.SeeOther, page.StatusCode);
            return Get($"/payment-links/{link}/payments");
        }, 200, Eq("count", 1), Eq("_embedded.payments[0].amount.value", "25.00"), Eq("_embedded.payments[0].paymentLinkId", "{link}")),
    ];
}
