using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.CreditNotes;

/// <summary><c>POST /api/v1/invoices/{id}/credit-notes</c>, <c>GET /api/v1/credit-notes/{id}</c>, and refunds that credit the invoice.</summary>
public sealed class CreditNotesApiTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_full_credit_note_credits_every_line_with_VAT_per_rate_and_voids_the_unpaid_invoice()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await MixedVatInvoiceAsync(clientId);

        var note = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { full = true, reason = "Lessons cancelled" }, HttpStatusCode.Created);

        Assert.Matches("^CN-[0-9]{4}-[0-9]{5}$", note.Text("number"));
        Assert.Equal("110.00", note.Value("net"));
        Assert.Equal("131.90", note.Value("total"));
        var rates = note["vatPerRate"]!.AsArray();
        Assert.Equal([21m, 9m], rates.Select(r => (decimal)r!["taxRate"]!));
        Assert.Equal(["21.00", "0.90"], rates.Select(r => r!.Value("tax")));
        var invoice = await app.GetAsync($"/api/v1/invoices/{id}");
        Assert.Equal("Void", invoice.Text("status"));
        Assert.Equal("0.00", invoice.Value("stillToPay"));
        var read = await app.GetAsync($"/api/v1/credit-notes/{(int)note["id"]!}");
        Assert.Equal(note.Text("number"), read.Text("number"));
        Assert.Equal(invoice.Text("number"), read.Text("invoiceNumber"));
        Assert.Equal("Lessons cancelled", read.Text("reason"));
    }

    [Fact]
    public async Task Crediting_a_line_of_a_paid_invoice_puts_what_was_paid_beyond_it_on_the_balance_and_keeps_it_paid()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await MixedVatInvoiceAsync(clientId);
        await app.PostAsync($"/api/v1/invoices/{id}/payments", new { amount = ApiApp.Eur("131.90"), method = "cash", reference = "desk" }, HttpStatusCode.Created);

        var note = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes",
            new { lines = new[] { new { line = 2, amount = ApiApp.Eur("10.90") } }, paidMoney = "balance" }, HttpStatusCode.Created);

        Assert.Equal("10.90", note.Value("total"));
        Assert.Equal("0.90", note.Value("tax"));
        Assert.Equal("10.90", note.Value("toBalance"));
        Assert.Equal("10.90", await app.BalanceAsync(clientId));
        var invoice = await app.GetAsync($"/api/v1/invoices/{id}");
        Assert.Equal("Paid", invoice.Text("status"));
        Assert.Equal("121.00", invoice.Value("amountPaid"));
        Assert.Equal("10.90", invoice.Value("credited"));
    }

    [Fact]
    public async Task Credit_notes_never_take_more_than_the_total_minus_earlier_credit_notes_and_number_without_gaps()
    {
        await app.SetAutoMarkPaidAsync(false);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "50.00");
        var first = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { amount = ApiApp.Eur("30.00") }, HttpStatusCode.Created);

        var tooMuch = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { amount = ApiApp.Eur("20.01") }, HttpStatusCode.BadRequest);
        var rest = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { amount = ApiApp.Eur("20.00") }, HttpStatusCode.Created);
        var nothingLeft = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { full = true }, HttpStatusCode.Conflict);

        Assert.Contains("20.00", (string)tooMuch["errors"]!["amount"]![0]!, StringComparison.Ordinal);
        Assert.Equal(Sequence(first) + 1, Sequence(rest));
        Assert.Equal("invoice_not_creditable", nothingLeft.Text("code"));
        Assert.Equal("Void", (await app.GetAsync($"/api/v1/invoices/{id}")).Text("status"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_details_naming_the_field()
    {
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "50.00");
        var draft = await app.DraftAsync(clientId, "10.00");

        var destination = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { full = true, paidMoney = "nowhere" }, HttpStatusCode.BadRequest);
        var nothingSaid = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { }, HttpStatusCode.BadRequest);
        var line = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { lines = new[] { new { line = 9, amount = ApiApp.Eur("1.00") } } }, HttpStatusCode.BadRequest);
        var overLine = await app.PostAsync($"/api/v1/invoices/{id}/credit-notes", new { lines = new[] { new { line = 1, amount = ApiApp.Eur("50.01") } } }, HttpStatusCode.BadRequest);
        var notIssued = await app.PostAsync($"/api/v1/invoices/{draft}/credit-notes", new { full = true }, HttpStatusCode.Conflict);
        await app.PostAsync("/api/v1/invoices/999999/credit-notes", new { full = true }, HttpStatusCode.NotFound);
        await app.GetAsync("/api/v1/credit-notes/999999", HttpStatusCode.NotFound);
        await ApiApp.SendAsync(app.ClientRole, HttpMethod.Post, $"/api/v1/invoices/{id}/credit-notes", new { }, HttpStatusCode.Forbidden);

        Assert.NotNull(destination["errors"]!["paidMoney"]);
        Assert.NotNull(nothingSaid["errors"]!["full"]);
        Assert.NotNull(line["errors"]!["lines"]);
        Assert.NotNull(overLine["errors"]!["lines[1].amount"]);
        Assert.Equal("invoice_not_creditable", notIssued.Text("code"));
        Assert.Equal("50.00", (await app.GetAsync($"/api/v1/invoices/{id}")).Value("stillToPay"));
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_same_credit_note()
    {
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "50.00");

        var first = await PostWithKeyAsync($"/api/v1/invoices/{id}/credit-notes", new { amount = ApiApp.Eur("5.00") }, "cn-key-1");
        var again = await PostWithKeyAsync($"/api/v1/invoices/{id}/credit-notes", new { amount = ApiApp.Eur("5.00") }, "cn-key-1");

        Assert.Equal((int)first["id"]!, (int)again["id"]!);
        Assert.Equal("45.00", (await app.GetAsync($"/api/v1/invoices/{id}")).Value("stillToPay"));
    }

    [Fact]
    public async Task A_refund_that_credits_the_invoice_leaves_it_settled_with_a_credit_note_for_the_refunded_amount()
    {
        await app.SetAutoMarkPaidAsync(true);
        var clientId = await app.CreateClientAsync();
        var id = await app.OpenInvoiceAsync(clientId, "80.00");
        var paid = await app.PostAsync($"/api/v1/invoices/{id}/payments", new { amount = ApiApp.Eur("80.00"), method = "cash", reference = "desk" }, HttpStatusCode.Created);
        var paymentId = (int)paid["payment"]!["id"]!;

        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PaymentRefunds>().RefundAsync(
                new RefundCommand(paymentId, new InvoiceHub.Domain.Money(3000, InvoiceHub.Domain.Currency.EUR), RefundDestination.Balance, "One lesson cancelled", "finance", CreditInvoices: true));
        }

        var invoice = await app.GetAsync($"/api/v1/invoices/{id}");
        Assert.Equal("Paid", invoice.Text("status"));
        Assert.Equal("30.00", invoice.Value("credited"));
        Assert.Equal("0.00", invoice.Value("stillToPay"));
        Assert.Equal("30.00", await app.BalanceAsync(clientId));
    }

    private async Task<int> MixedVatInvoiceAsync(int clientId)
    {
        var invoice = await app.PostAsync("/api/v1/invoices", new
        {
            clientId,
            dueDate = "2026-12-31",
            lines = new object[]
            {
                new { description = "Tutoring", quantity = 1m, unitPrice = ApiApp.Eur("100.00"), taxRate = 21m },
                new { description = "Workbook", quantity = 1m, unitPrice = ApiApp.Eur("10.00"), taxRate = 9m },
            },
        }, HttpStatusCode.Created);
        var id = (int)invoice["id"]!;
        await app.IssueAsync(id);
        return id;
    }

    private async Task<JsonNode> PostWithKeyAsync(string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await app.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static int Sequence(JsonNode note) => int.Parse(note.Text("number")[^5..], System.Globalization.CultureInfo.InvariantCulture);
}
