using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;

namespace InvoiceHub.Tests.Features.Api;

/// <summary>
/// One InvoiceHub on a fresh SQLite file for a test class, with an API key per role and short helpers for the
/// calls the tests repeat. Tests create their own clients, so they do not see each other's money; each test
/// sets the "Automatically mark Invoices paid" setting it relies on.
/// </summary>
public sealed class ApiApp : IAsyncLifetime
{
    public InvoiceHubFactory Factory { get; private set; } = null!;

    /// <summary>Admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Finance { get; private set; } = null!;

    /// <summary>A key with the Client role: must not reach staff calls.</summary>
    public HttpClient ClientRole { get; private set; } = null!;

    /// <summary>No Authorization header at all.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        Admin = await ClientWithKeyAsync(Roles.Admin);
        Finance = await ClientWithKeyAsync(Roles.Finance);
        ClientRole = await ClientWithKeyAsync(Roles.Client);
        Anonymous = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Admin, Finance, ClientRole, Anonymous })
        {
            client?.Dispose();
        }

        await Factory.DisposeAsync();
    }

    public Task<HttpClient> ClientWithKeyAsync(string role) => ClientWithKeyAsync(Factory, role);

    /// <summary>An API client of <paramref name="factory"/>'s in-process server with a fresh key of <paramref name="role"/>.</summary>
    public static async Task<HttpClient> ClientWithKeyAsync(InvoiceHubFactory factory, string role)
    {
        await using var db = factory.CreateDbContext();
        var key = await IssueKeyAsync(db, role);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Stores a fresh API key of <paramref name="role"/> and returns it (the only time it is readable).</summary>
    public static async Task<string> IssueKeyAsync(InvoiceHubDbContext db, string role)
    {
        var key = ApiKeys.Generate();
        db.ApiKeys.Add(new ApiKey($"test {role}", ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key), role, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return key;
    }

    public static object Eur(string value) => new { currency = "EUR", value };

    /// <summary>Sends JSON, checks the status and returns the body (an empty object for an empty body).</summary>
    public static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public Task<JsonNode> PostAsync(string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(Admin, HttpMethod.Post, path, body, expected);

    public Task<JsonNode> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(Admin, HttpMethod.Get, path, null, expected);

    public async Task SetAutoMarkPaidAsync(bool on) =>
        await SendAsync(Admin, HttpMethod.Put, "/api/v1/settings",
            new { onlineInvoicePayment = false, clientLogin = true, automaticallyMarkInvoicesPaid = on, autoCharge = false },
            HttpStatusCode.OK);

    public async Task<int> CreateClientAsync(string name = "Ada Lovelace")
    {
        // Each client needs their own email address (the API refuses a duplicate).
        var client = await PostAsync("/api/v1/clients", new { name, email = $"{Guid.NewGuid():N}@example.com" }, HttpStatusCode.Created);
        return (int)client!["id"]!;
    }

    public async Task<JsonNode> AdjustBalanceAsync(int clientId, string amount) =>
        (await PostAsync($"/api/v1/clients/{clientId}/balance-adjustments", new { amount = Eur(amount), reason = "Opening balance" }, HttpStatusCode.Created))!;

    /// <summary>A draft with one line of quantity 1 and no tax, so its total is <paramref name="total"/>.</summary>
    public async Task<int> DraftAsync(int clientId, string total, string dueDate = "2026-12-31")
    {
        var invoice = await PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate,
            lines = new[] { new { description = "Tutoring", quantity = 1m, unitPrice = Eur(total), taxRate = 0m } },
        }, HttpStatusCode.Created);
        return (int)invoice!["id"]!;
    }

    public async Task<JsonNode> IssueAsync(int invoiceId) =>
        (await PostAsync($"/api/v1/invoices/{invoiceId}/issue", null))!;

    public async Task<int> OpenInvoiceAsync(int clientId, string total, string dueDate = "2026-12-31")
    {
        var id = await DraftAsync(clientId, total, dueDate);
        await IssueAsync(id);
        return id;
    }

    public async Task<string> BalanceAsync(int clientId) =>
        (string)(await GetAsync($"/api/v1/clients/{clientId}"))!["balance"]!["value"]!;
}

/// <summary>Reading API JSON in assertions.</summary>
public static class Json
{
    public static string Value(this JsonNode node, string property) => (string)node[property]!["value"]!;

    public static string Text(this JsonNode node, string property) => (string)node[property]!;

    public static string[] Errors(this JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => (string)e!).ToArray() ?? [];
}
