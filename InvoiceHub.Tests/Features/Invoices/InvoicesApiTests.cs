using System.Net;
using System.Text.RegularExpressions;
using InvoiceHub.Tests.Features.Api;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

public sealed partial class InvoicesApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Create_invoice_answers_201_Draft_with_totals_rounded_per_line()
    {
        var clientId = await app.CreateClientAsync();

        var invoice = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-15",
            lines = new object[]
            {
                new { description = "Lessons", quantity = 3m, unitPrice = ApiApp.Eur("33.33"), taxRate = 21m },
                new { description = "Books", quantity = 0.5m, unitPrice = ApiApp.Eur("0.05"), taxRate = 0m },
            },
        }, HttpStatusCode.Created);

        // 3 × 33.33 = 99.99, tax 21% = 20.9979 → 21.00; 0.5 × 0.05 = 0.025 → 0.03 (half away from zero).
        Assert.Equal("Draft", invoice!.Text("status"));
        Assert.Equal("121.02", invoice.Value("total"));
        Assert.Equal("0.00", invoice.Value("amountPaid"));
        Assert.Equal("121.02", invoice.Value("stillToPay"));
        Assert.Null(invoice["number"]);
        Assert.Equal(2, invoice["lines"]!.AsArray().Count);
        Assert.Equal("0.03", (string)invoice["lines"]![1]!["total"]!["value"]!);
    }

    [Fact]
    public async Task Issue_numbers_the_invoice_and_opens_it()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.DraftAsync(clientId, "40.00");

        var issued = await app.IssueAsync(id);

        Assert.Equal("Open", issued.Text("status"));
        Assert.Matches(NumberPattern(), issued.Text("number"));
        Assert.Equal("40.00", issued.Value("stillToPay"));
        Assert.True(issued.AsObject().ContainsKey("paymentUrl"));
        var read = await app.GetAsync($"/api/v1/invoices/{id}");
        Assert.Equal(issued.Text("number"), read!.Text("number"));
    }

    [Fact]
    public async Task Issuing_twice_is_a_conflict()
    {
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");

        var problem = await app.PostAsync($"/api/v1/invoices/{id}/issue", null, HttpStatusCode.Conflict);

        Assert.Equal("invoice_not_draft", (string)problem!["code"]!);
    }

    [Fact]
    public async Task Issuing_a_draft_without_lines_is_refused_naming_lines()
    {
        var clientId = await app.CreateClientAsync();
        var draft = await app.PostAsync("/api/v1/invoices", new { clientId, dueDate = "2026-12-31", lines = Array.Empty<object>() }, HttpStatusCode.Created);

        var problem = await app.PostAsync($"/api/v1/invoices/{(int)draft!["id"]!}/issue", null, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("lines"));
    }

    [Fact]
    public async Task Malformed_unit_price_is_refused_naming_the_line_field()
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-31",
            lines = new object[]
            {
                new { description = "Fine", quantity = 1m, unitPrice = ApiApp.Eur("10.00"), taxRate = 0m },
                new { description = "Broken", quantity = 1m, unitPrice = ApiApp.Eur("10,00"), taxRate = 0m },
            },
        }, HttpStatusCode.BadRequest);

        Assert.Contains("write it like", problem!.Errors("lines[1].unitPrice.value").Single());
        Assert.Empty(problem.Errors("lines[0].unitPrice.value"));
    }

    [Fact]
    public async Task Unit_price_in_another_currency_is_refused_naming_the_line_field()
    {
        var clientId = await app.CreateClientAsync();

        var problem = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-31",
            lines = new[] { new { description = "Dollars", quantity = 1m, unitPrice = new { currency = "USD", value = "10.00" }, taxRate = 0m } },
        }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem!.Errors("lines[0].unitPrice.currency"));
    }

    [Fact]
    public async Task Negative_unit_price_and_zero_quantity_are_refused_naming_the_fields()
    {
        var clientId = await app.CreateClientAsync();

        var negative = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-31",
            lines = new[] { new { description = "Minus", quantity = 1m, unitPrice = ApiApp.Eur("-1.00"), taxRate = 0m } },
        }, HttpStatusCode.BadRequest);
        var zero = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-31",
            lines = new[] { new { description = "Nothing", quantity = 0m, unitPrice = ApiApp.Eur("1.00"), taxRate = 0m } },
        }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(negative!.Errors("lines[0].unitPrice.value"));
        Assert.NotEmpty(zero!.Errors("lines[0].quantity"));
    }

    [Fact]
    public async Task Invoice_for_an_unknown_client_or_unknown_invoice_is_404()
    {
        await app.PostAsync("/api/v1/invoices", new { clientId = 424242, dueDate = "2026-12-31", lines = Array.Empty<object>() }, HttpStatusCode.NotFound);
        await app.GetAsync("/api/v1/invoices/424242", HttpStatusCode.NotFound);
        await app.PostAsync("/api/v1/invoices/424242/issue", null, HttpStatusCode.NotFound);
        await app.PostAsync("/api/v1/invoices/424242/pay-from-credit", null, HttpStatusCode.NotFound);
        var problem = await app.PostAsync("/api/v1/invoices/424242/payments",
            new { amount = ApiApp.Eur("1.00"), method = "cash", reference = "r", receivedOn = "2026-01-01" }, HttpStatusCode.NotFound);
        Assert.Equal("There is no invoice with id 424242.", problem!.Text("detail"));
    }

    [Fact]
    public async Task Offline_payment_pays_part_of_an_open_invoice()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "100.00");

        var result = await app.PostAsync($"/api/v1/invoices/{id}/payments",
            new { amount = ApiApp.Eur("30.00"), method = "cheque", reference = "CHQ-0042", receivedOn = "2026-01-02" }, HttpStatusCode.Created);

        Assert.Equal("cheque", (string)result!["payment"]!["method"]!);
        Assert.Equal("CHQ-0042", (string)result["payment"]!["reference"]!);
        Assert.Equal("2026-01-02", (string)result["payment"]!["receivedOn"]!);
        Assert.Equal("Open", (string)result["invoice"]!["status"]!);
        Assert.Equal("70.00", (string)result["invoice"]!["stillToPay"]!["value"]!);
        Assert.Equal("0.00", result.Value("addedToBalance"));
        var allocation = (await app.GetAsync($"/api/v1/invoices/{id}"))!["allocations"]!.AsArray().Single()!;
        Assert.Equal("payment", (string)allocation["source"]!);
        Assert.Equal("30.00", allocation.Value("amount"));
    }

    [Fact]
    public async Task Offline_overpayment_pays_the_invoice_and_the_excess_goes_to_the_balance()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "50.00");

        var result = await app.PostAsync($"/api/v1/invoices/{id}/payments",
            new { amount = ApiApp.Eur("80.00"), method = "banktransfer", reference = "NL-REF-1" }, HttpStatusCode.Created);

        Assert.Equal("Paid", (string)result!["invoice"]!["status"]!);
        Assert.Equal("30.00", result.Value("addedToBalance"));
        Assert.Equal("30.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Overpayment_with_the_setting_on_pays_other_open_invoices_oldest_due_first()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        var later = await app.OpenInvoiceAsync(clientId, "20.00", "2026-12-20");
        var older = await app.OpenInvoiceAsync(clientId, "20.00", "2026-12-01");
        var paid = await app.OpenInvoiceAsync(clientId, "10.00", "2026-12-25");

        var result = await app.PostAsync($"/api/v1/invoices/{paid}/payments",
            new { amount = ApiApp.Eur("40.00"), method = "cash", reference = (string?)null }, HttpStatusCode.Created);

        var applied = result!["creditApplied"]!.AsArray();
        Assert.Equal(older, (int)applied[0]!["invoiceId"]!);
        Assert.Equal("20.00", applied[0]!.Value("amount"));
        Assert.Equal(later, (int)applied[1]!["invoiceId"]!);
        Assert.Equal("10.00", applied[1]!.Value("amount"));
        Assert.Equal("10.00", (await app.GetAsync($"/api/v1/invoices/{later}"))!.Value("stillToPay"));
        Assert.Equal("0.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Paying_a_draft_or_void_invoice_is_a_conflict()
    {
        var clientId = await app.CreateClientAsync();
        var draft = await app.DraftAsync(clientId, "10.00");
        var body = new { amount = ApiApp.Eur("10.00"), method = "cash", reference = "x" };

        var problem = await app.PostAsync($"/api/v1/invoices/{draft}/payments", body, HttpStatusCode.Conflict);
        Assert.Equal("invoice_not_open", (string)problem!["code"]!);

        var voided = await app.OpenInvoiceAsync(clientId, "10.00");
        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<InvoiceHub.Web.Features.Invoices.VoidInvoice>().HandleAsync(voided, "Issued by mistake");
        }

        await app.PostAsync($"/api/v1/invoices/{voided}/payments", body, HttpStatusCode.Conflict);
        await app.SetAutoMarkPaidAsync(true);
        await app.AdjustBalanceAsync(clientId, "10.00");
        var fromCredit = await app.PostAsync($"/api/v1/invoices/{voided}/pay-from-credit", null, HttpStatusCode.Conflict);
        Assert.Equal("invoice_not_open", (string)fromCredit!["code"]!);
        Assert.Equal("10.00", await app.BalanceAsync(clientId));
    }

    [Theory]
    [InlineData("0.00", "amount.value")]
    [InlineData("-5.00", "amount.value")]
    [InlineData("5", null)]
    [InlineData("5.001", "amount.value")]
    [InlineData("5e2", "amount.value")]
    public async Task Offline_payment_amount_must_be_a_positive_well_formed_amount(string value, string? field)
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");
        var expected = field is null ? HttpStatusCode.Created : HttpStatusCode.BadRequest;

        var response = await app.PostAsync($"/api/v1/invoices/{id}/payments",
            new { amount = ApiApp.Eur(value), method = "cash", reference = "till" }, expected);

        if (field is null)
        {
            Assert.Equal("5.00", (string)response!["payment"]!["amount"]!["value"]!);
        }
        else
        {
            Assert.NotEmpty(response!.Errors(field));
            Assert.Equal("10.00", (await app.GetAsync($"/api/v1/invoices/{id}"))!.Value("stillToPay"));
        }
    }

    [Fact]
    public async Task Offline_payment_with_an_online_method_or_a_future_date_is_refused()
    {
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");

        var method = await app.PostAsync($"/api/v1/invoices/{id}/payments",
            new { amount = ApiApp.Eur("1.00"), method = "card", reference = "x" }, HttpStatusCode.BadRequest);
        var future = await app.PostAsync($"/api/v1/invoices/{id}/payments",
            new { amount = ApiApp.Eur("1.00"), method = "cash", reference = "x", receivedOn = "2999-01-01" }, HttpStatusCode.BadRequest);

        Assert.NotEmpty(method!.Errors("method"));
        Assert.NotEmpty(future!.Errors("receivedOn"));
    }

    [Fact]
    public async Task Pay_from_credit_above_the_balance_or_the_still_to_pay_is_a_conflict()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var small = await app.OpenInvoiceAsync(clientId, "5.00");
        var large = await app.OpenInvoiceAsync(clientId, "100.00");
        await app.AdjustBalanceAsync(clientId, "20.00");
        await app.SetAutoMarkPaidAsync(true);

        var aboveBalance = await app.PostAsync($"/api/v1/invoices/{large}/pay-from-credit", new { amount = ApiApp.Eur("20.01") }, HttpStatusCode.Conflict);
        var aboveStillToPay = await app.PostAsync($"/api/v1/invoices/{small}/pay-from-credit", new { amount = ApiApp.Eur("5.01") }, HttpStatusCode.Conflict);
        var zero = await app.PostAsync($"/api/v1/invoices/{small}/pay-from-credit", new { amount = ApiApp.Eur("0.00") }, HttpStatusCode.BadRequest);

        Assert.Equal("insufficient_balance", (string)aboveBalance!["code"]!);
        Assert.Equal("allocation_exceeds_still_to_pay", (string)aboveStillToPay!["code"]!);
        Assert.NotEmpty(zero!.Errors("amount.value"));
        Assert.Equal("20.00", await app.BalanceAsync(clientId));
    }

    [Fact]
    public async Task Pay_from_credit_with_the_setting_off_is_a_conflict()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");
        await app.AdjustBalanceAsync(clientId, "10.00");

        var problem = await app.PostAsync($"/api/v1/invoices/{id}/pay-from-credit", null, HttpStatusCode.Conflict);

        Assert.Equal("pay_from_credit_disabled", (string)problem!["code"]!);
        Assert.Contains("Automatically mark Invoices paid", problem.Text("detail"));
    }

    [Fact]
    public async Task Pay_from_credit_without_balance_is_a_conflict()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "10.00");

        var problem = await app.PostAsync($"/api/v1/invoices/{id}/pay-from-credit", new { }, HttpStatusCode.Conflict);

        Assert.Equal("no_balance", (string)problem!["code"]!);
    }

    [GeneratedRegex(@"^INV-\d{4}-\d{5}$")]
    private static partial Regex NumberPattern();
}
