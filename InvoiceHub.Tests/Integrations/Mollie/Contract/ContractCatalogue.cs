using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.Expect;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

/// <summary>
/// The catalogue: what Mollie's reference pages say each endpoint answers, as request/response pairs. Each area is in
/// its own file; the page named first in a case is where its expectations come from.
/// </summary>
public static partial class ContractCatalogue
{
    public static IReadOnlyList<ContractCase> All { get; } =
        [.. Payments(), .. PaymentChanges(), .. Refunds(), .. Chargebacks(), .. Methods(), .. Customers(), .. PaymentLinks(), .. Errors()];

    private static ContractCase C(string page, string behaviour, Func<ContractWorld, Task<ContractRequest>> arrange, int status, params Expect[] expect) =>
        new(page, behaviour, arrange, status, expect);

    private static Func<ContractWorld, Task<ContractRequest>> Send(ContractRequest request) => _ => Task.FromResult(request);

    /// <summary>docs.mollie.com/overview/handling-errors and /reference/api-idempotency, plus routes Mollie does not have.</summary>
    private static IEnumerable<ContractCase> Errors() =>
    [
        C("https://docs.mollie.com/overview/authentication", "no API key is a 401 problem", Send(Get("/payments") with { Authenticated = false }), 401,
            Eq("detail", "Missing authentication, or failed to authenticate")),
        C("https://docs.mollie.com/overview/handling-errors", "an unknown path is a 404 problem", Send(Get("/invoices")), 404),
        C("https://docs.mollie.com/overview/handling-errors", "a wrong method is a 405 problem", Send(new ContractRequest(HttpMethod.Put, "/payments")), 405),
        C("https://docs.mollie.com/overview/handling-errors", "a body that is not JSON is a 400 problem",
            Send(new ContractRequest(HttpMethod.Post, "/payments") { Raw = ("{\"amount\":", "application/json") }), 400),
        C("https://docs.mollie.com/overview/handling-errors", "an unsupported content type is a 415 problem",
            Send(new ContractRequest(HttpMethod.Post, "/payments") { Raw = ("amount=10", "text/plain") }), 415),
        C("api-idempotency", "the same key and body within the window replay the first answer", async w =>
        {
            var body = w.PaymentBody("11.00", "ideal");
            w.Vars["first"] = (await w.OkAsync(Post("/payments", body) with { IdempotencyKey = "contract-key-1" })).GetProperty("id").GetString()!;
            return Post("/payments", body) with { IdempotencyKey = "contract-key-1" };
        }, 201, Eq("id", "{first}"), Header("Idempotent-Replayed", "true")),
        C("api-idempotency", "the same key with another body is a 400", async w =>
        {
            await w.OkAsync(Post("/payments", w.PaymentBody("12.00", "ideal")) with { IdempotencyKey = "contract-key-2" });
            return Post("/payments", w.PaymentBody("13.00", "ideal")) with { IdempotencyKey = "contract-key-2" };
        }, 400),
    ];
}
