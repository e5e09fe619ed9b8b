using System.Net;
using InvoiceHub.Tests.Features.Api;

namespace InvoiceHub.Tests.Features.Clients;

public sealed class ClientsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Create_client_answers_201_with_an_empty_balance_in_euro()
    {
        var client = await app.PostAsync("/api/v1/clients", new { name = "  Grace Hopper ", email = "grace@example.com" }, HttpStatusCode.Created);

        Assert.Equal("Grace Hopper", client!.Text("name"));
        Assert.Equal("grace@example.com", client.Text("email"));
        Assert.Equal("EUR", (string)client["balance"]!["currency"]!);
        Assert.Equal("0.00", client.Value("balance"));
        var read = await app.GetAsync($"/api/v1/clients/{(int)client["id"]!}");
        Assert.Equal("Grace Hopper", read!.Text("name"));
    }

    [Fact]
    public async Task Create_client_without_name_is_a_validation_problem_on_name()
    {
        var problem = await app.PostAsync("/api/v1/clients", new { name = "", email = "nameless@example.com" }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("name"));
        Assert.Equal(400, (int)problem["status"]!);
    }

    [Fact]
    public async Task Create_client_with_a_bad_email_is_a_validation_problem_on_email()
    {
        var problem = await app.PostAsync("/api/v1/clients", new { name = "Bad Mail", email = "not-an-email" }, HttpStatusCode.BadRequest);

        Assert.Contains("name@example.com", problem!.Errors("email").Single());
        Assert.Equal("invalid_email", (string)problem["code"]!);
    }

    [Fact]
    public async Task Create_client_with_an_email_another_client_has_is_a_conflict_on_email()
    {
        await app.PostAsync("/api/v1/clients", new { name = "First Fay", email = "fay.dup@example.com" }, HttpStatusCode.Created);

        var problem = await app.PostAsync("/api/v1/clients", new { name = "Second Fay", email = "Fay.Dup@Example.com" }, HttpStatusCode.Conflict);

        Assert.Equal("duplicate_email", (string)problem!["code"]!);
        Assert.Equal("email", (string)problem["field"]!);
        Assert.Contains("First Fay already uses", problem.Text("detail"));
    }

    [Fact]
    public async Task Update_client_changes_name_email_and_billing_details_but_not_another_clients_email()
    {
        var other = await app.PostAsync("/api/v1/clients", new { name = "Other Otis", email = "otis.taken@example.com" }, HttpStatusCode.Created);
        var clientId = await app.CreateClientAsync("Before Bea");

        var updated = await ApiApp.SendAsync(app.Admin, HttpMethod.Put, $"/api/v1/clients/{clientId}",
            new { name = "After Bea", email = "bea.after@example.com", address = "1 Main Street\nUtrecht", vatNumber = "NL123456789B01" }, HttpStatusCode.OK);
        Assert.Equal("After Bea", updated.Text("name"));
        Assert.Equal("bea.after@example.com", updated.Text("email"));
        Assert.Equal("1 Main Street\nUtrecht", updated.Text("address"));
        Assert.Equal("NL123456789B01", updated.Text("vatNumber"));

        var refused = await ApiApp.SendAsync(app.Admin, HttpMethod.Put, $"/api/v1/clients/{clientId}",
            new { name = "After Bea", email = other!.Text("email") }, HttpStatusCode.Conflict);
        Assert.Equal("duplicate_email", (string)refused["code"]!);
        Assert.Equal("bea.after@example.com", (await app.GetAsync($"/api/v1/clients/{clientId}"))!.Text("email"));

        var unknown = await ApiApp.SendAsync(app.Admin, HttpMethod.Put, "/api/v1/clients/999999", new { name = "Nobody", email = "nobody@example.com" }, HttpStatusCode.NotFound);
        Assert.Equal(404, (int)unknown["status"]!);
    }

    [Fact]
    public async Task Balance_adjustment_adds_credit_and_answers_201_with_the_new_balance()
    {
        var clientId = await app.CreateClientAsync();

        var adjusted = await app.PostAsync($"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = ApiApp.Eur("12.50"), reason = "Goodwill" }, HttpStatusCode.Created);

        Assert.Equal("12.50", adjusted!.Value("balance"));
        Assert.Equal("12.50", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Negative_adjustment_below_zero_is_a_conflict_and_changes_nothing()
    {
        var clientId = await app.CreateClientAsync();
        await app.AdjustBalanceAsync(clientId, "5.00");

        var problem = await app.PostAsync($"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = ApiApp.Eur("-5.01"), reason = "Correction" }, HttpStatusCode.Conflict);

        Assert.Equal("insufficient_balance", (string)problem!["code"]!);
        Assert.Contains("5.00", problem.Text("detail"));
        Assert.Equal("5.00", await app.BalanceAsync(clientId));
    }

    [Theory]
    [InlineData("12.5.0", "amount.value")]
    [InlineData("12.505", "amount.value")]
    [InlineData("1,000.00", "amount.value")]
    [InlineData("0", "amount.value")]
    [InlineData("", "amount.value")]
    public async Task Malformed_or_zero_adjustment_is_refused_naming_the_field(string value, string field)
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync($"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = ApiApp.Eur(value), reason = "Typo" }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors(field));
        Assert.Equal("0.00", await app.BalanceAsync(clientId));
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("eur")]
    [InlineData("XYZ")]
    public async Task Adjustment_in_another_currency_than_the_clients_is_refused(string currency)
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync($"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = new { currency, value = "10.00" }, reason = "Wrong money" }, HttpStatusCode.BadRequest);

        Assert.Contains("EUR", problem!.Errors("amount.currency").Single());
    }

    [Fact]
    public async Task Adjustment_without_reason_is_refused()
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync($"/api/v1/clients/{clientId}/balance-adjustments",
            new { amount = ApiApp.Eur("10.00"), reason = " " }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("reason"));
    }

    [Fact]
    public async Task Unknown_client_is_404_problem()
    {
        var problem = await app.GetAsync("/api/v1/clients/987654", HttpStatusCode.NotFound);

        Assert.Equal("There is no client with id 987654.", problem!.Text("detail"));
        await app.PostAsync("/api/v1/clients/987654/balance-adjustments", new { amount = ApiApp.Eur("1.00"), reason = "x" }, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Finance_key_may_adjust_balances_but_a_client_key_may_not()
    {
        var clientId = await app.CreateClientAsync();
        var body = new { amount = ApiApp.Eur("3.00"), reason = "Refund of a late fee" };

        await ApiApp.SendAsync(app.Finance, HttpMethod.Post, $"/api/v1/clients/{clientId}/balance-adjustments", body, HttpStatusCode.Created);
        await ApiApp.SendAsync(app.ClientRole, HttpMethod.Post, $"/api/v1/clients/{clientId}/balance-adjustments", body, HttpStatusCode.Forbidden);

        Assert.Equal("3.00", await app.BalanceAsync(clientId));
    }
}
