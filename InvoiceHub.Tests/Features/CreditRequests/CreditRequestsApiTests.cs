using System.Net;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Web.Features.CreditRequests;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.CreditRequests;

public sealed class CreditRequestsApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Create_credit_request_answers_201_Open_with_a_payment_url_property()
    {
        var clientId = await app.CreateClientAsync();

        var request = await app.PostAsync("/api/v1/credit-requests",
            new { clientId, amount = ApiApp.Eur("200.00"), description = "Ten lessons in advance" }, HttpStatusCode.Created);

        Assert.Equal("Open", request!.Text("status"));
        Assert.Equal("200.00", request.Value("amount"));
        Assert.True(request.AsObject().ContainsKey("paymentUrl"));
        Assert.Empty(request["payments"]!.AsArray());
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("-10.00")]
    [InlineData("ten")]
    public async Task Credit_request_amount_must_be_positive_and_well_formed(string value)
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync("/api/v1/credit-requests",
            new { clientId, amount = ApiApp.Eur(value), description = "Top-up" }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("amount.value"));
    }

    [Fact]
    public async Task Offline_payment_marks_the_request_paid_and_grows_the_balance()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await CreateAsync(clientId, "120.00");

        var result = await app.PostAsync($"/api/v1/credit-requests/{id}/payments",
            new { amount = ApiApp.Eur("120.00"), method = "banktransfer", reference = "TOPUP-7", receivedOn = "2026-03-01" }, HttpStatusCode.Created);

        Assert.Equal("Paid", (string)result!["creditRequest"]!["status"]!);
        Assert.Equal("120.00", result.Value("balance"));
        var read = await app.GetAsync($"/api/v1/credit-requests/{id}");
        Assert.Equal("Paid", read!.Text("status"));
        var payment = read["payments"]!.AsArray().Single()!;
        Assert.Equal("banktransfer", (string)payment["method"]!);
        Assert.Equal("TOPUP-7", (string)payment["reference"]!);
        Assert.Equal("120.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Paid_credit_request_with_the_setting_on_pays_open_invoices_oldest_due_first()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        var later = await app.OpenInvoiceAsync(clientId, "60.00", "2026-12-30");
        var older = await app.OpenInvoiceAsync(clientId, "60.00", "2026-11-30");
        var id = await CreateAsync(clientId, "100.00");

        var result = await app.PostAsync($"/api/v1/credit-requests/{id}/payments",
            new { amount = ApiApp.Eur("100.00"), method = "cash", reference = "desk" }, HttpStatusCode.Created);

        Assert.Equal("0.00", result!.Value("balance"));
        Assert.Equal("Paid", (await app.GetAsync($"/api/v1/invoices/{older}"))!.Text("status"));
        Assert.Equal("20.00", (await app.GetAsync($"/api/v1/invoices/{later}"))!.Value("stillToPay"));
    }

    [Fact]
    public async Task Payment_below_the_requested_amount_is_refused()
    {
        var clientId = await app.CreateClientAsync();
        var id = await CreateAsync(clientId, "50.00");

        var problem = await app.PostAsync($"/api/v1/credit-requests/{id}/payments",
            new { amount = ApiApp.Eur("49.99"), method = "cash", reference = "short" }, HttpStatusCode.BadRequest);

        Assert.Equal("payment_does_not_cover", (string)problem!["code"]!);
        Assert.Equal("Open", (await app.GetAsync($"/api/v1/credit-requests/{id}"))!.Text("status"));
    }

    [Fact]
    public async Task Paying_a_paid_or_cancelled_credit_request_is_a_conflict()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var paid = await CreateAsync(clientId, "10.00");
        var body = new { amount = ApiApp.Eur("10.00"), method = "cash", reference = "r" };
        await app.PostAsync($"/api/v1/credit-requests/{paid}/payments", body, HttpStatusCode.Created);
        var cancelled = await CreateAsync(clientId, "10.00");
        using (var scope = app.Factory.Services.CreateScope())
        {
            var view = await scope.ServiceProvider.GetRequiredService<CancelCreditRequest>().HandleAsync(cancelled);
            Assert.Equal(InvoiceHub.Domain.CreditRequests.CreditRequestStatus.Cancelled, view.Status);
        }

        var again = await app.PostAsync($"/api/v1/credit-requests/{paid}/payments", body, HttpStatusCode.Conflict);
        await app.PostAsync($"/api/v1/credit-requests/{cancelled}/payments", body, HttpStatusCode.Conflict);

        Assert.Equal("credit_request_not_open", (string)again!["code"]!);
        Assert.Equal("10.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Unknown_credit_request_or_client_is_404()
    {
        await app.GetAsync("/api/v1/credit-requests/777777", HttpStatusCode.NotFound);
        await app.PostAsync("/api/v1/credit-requests/777777/payments", new { amount = ApiApp.Eur("1.00"), method = "cash" }, HttpStatusCode.NotFound);
        await app.PostAsync("/api/v1/credit-requests", new { clientId = 777777, amount = ApiApp.Eur("1.00"), description = "x" }, HttpStatusCode.NotFound);
    }

    private async Task<int> CreateAsync(int clientId, string amount) =>
        (int)(await app.PostAsync("/api/v1/credit-requests", new { clientId, amount = ApiApp.Eur(amount), description = "Top-up" }, HttpStatusCode.Created))!["id"]!;
}
