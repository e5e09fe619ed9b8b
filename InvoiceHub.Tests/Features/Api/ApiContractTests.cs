using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace InvoiceHub.Tests.Features.Api;

/// <summary>What every call shares: API-key authentication, roles, problem details for bad input, the OpenAPI document.</summary>
public sealed class ApiContractTests(ApiApp app) : IClassFixture<ApiApp>
{
    public static TheoryData<string, string> StaffCalls => new()
    {
        { "POST", "/api/v1/clients" },
        { "GET", "/api/v1/clients/1" },
        { "POST", "/api/v1/clients/1/balance-adjustments" },
        { "POST", "/api/v1/clients/1/mandates" },
        { "POST", "/api/v1/credit-requests" },
        { "GET", "/api/v1/credit-requests/1" },
        { "POST", "/api/v1/credit-requests/1/payments" },
        { "POST", "/api/v1/invoices" },
        { "GET", "/api/v1/invoices/1" },
        { "GET", "/api/v1/invoices/1/pdf" },
        { "GET", "/api/v1/credit-notes/1/pdf" },
        { "POST", "/api/v1/invoices/1/issue" },
        { "POST", "/api/v1/invoices/1/pay-from-credit" },
        { "POST", "/api/v1/invoices/1/payments" },
        { "GET", "/api/v1/settings" },
        { "PUT", "/api/v1/settings" },
        { "GET", "/api/v1/outbox" },
        { "GET", "/api/v1/jobs" },
        { "POST", "/api/v1/jobs/reminders/run" },
    };

    [Theory]
    [MemberData(nameof(StaffCalls))]
    public async Task Staff_call_without_a_key_is_401(string method, string path)
    {
        await ApiApp.SendAsync(app.Anonymous, new HttpMethod(method), path, new { }, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(StaffCalls))]
    public async Task Staff_call_with_a_client_role_key_is_403(string method, string path)
    {
        var problem = await ApiApp.SendAsync(app.ClientRole, new HttpMethod(method), path, new { }, HttpStatusCode.Forbidden);

        Assert.Equal(403, (int)problem!["status"]!);
    }

    [Theory]
    [InlineData("GET", "/api/v1/outbox")]
    [InlineData("GET", "/api/v1/jobs")]
    [InlineData("POST", "/api/v1/jobs/auto-charge/run")]
    public async Task Admin_calls_are_forbidden_to_a_finance_key(string method, string path)
    {
        await ApiApp.SendAsync(app.Finance, new HttpMethod(method), path, null, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Mollie_webhook_is_public_and_answers_200()
    {
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("id", "tr_unknown")]);

        await ApiApp.SendAsync(app.Anonymous, HttpMethod.Post, "/api/v1/webhooks/mollie", form, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"name\": \"Ada\", ")]
    [InlineData("not json at all")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var problem = await ApiApp.SendAsync(app.Admin, HttpMethod.Post, "/api/v1/clients", content, HttpStatusCode.BadRequest);

        Assert.Equal(400, (int)problem!["status"]!);
        Assert.Contains("JSON", problem.Text("detail"));
    }

    [Fact]
    public async Task Money_as_a_json_number_is_refused_naming_the_field()
    {
        var clientId = await app.CreateClientAsync();
        using var content = new StringContent("{\"amount\": 12.5, \"reason\": \"number\"}", Encoding.UTF8, "application/json");

        var problem = await ApiApp.SendAsync(app.Admin, HttpMethod.Post, $"/api/v1/clients/{clientId}/balance-adjustments", content, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("amount"));
        Assert.Equal("0.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Unknown_property_is_refused_rather_than_ignored()
    {
        var problem = await app.PostAsync("/api/v1/clients", new { name = "Ada", email = "ada@example.com", balance = "1000.00" }, HttpStatusCode.BadRequest);

        Assert.Equal(400, (int)problem!["status"]!);
    }

    [Fact]
    public async Task Body_over_64_KB_is_refused_with_413()
    {
        var problem = await app.PostAsync("/api/v1/clients", new { name = new string('a', 70 * 1024), email = "big@example.com" }, HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("64 KB", problem!.Text("detail"));
    }

    [Fact]
    public async Task OpenApi_document_lists_every_call_by_name()
    {
        using var response = await app.Anonymous.GetAsync("/openapi/v1.json");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (string?)op.Value!["operationId"]))
            .ToHashSet();
        string[] expected =
        [
            "CreateClient", "UpdateClient", "GetClient", "AdjustClientBalance", "CreateClientMandate", "CreateInvoice", "GetInvoice", "GetInvoicePdf",
            "IssueInvoice", "PayInvoiceFromCredit", "RecordInvoicePayment", "CreateCreditRequest", "GetCreditRequest",
            "RecordCreditRequestPayment", "GetSettings", "UpdateSettings", "ListOutbox", "ListJobs", "RunJob", "MollieWebhook",
            "GetPaymentReceipt", "GetClientStatement", "GetClientStatementPdf",
        ];
        Assert.Empty(expected.Except(operations));
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["ApiKey"]!["scheme"]!);
        Assert.Equal("Pay an open invoice from the client's balance", (string)document["paths"]!["/api/v1/invoices/{id}/pay-from-credit"]!["post"]!["summary"]!);
    }
}
