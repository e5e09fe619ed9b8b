using System.Net;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Receipts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Receipts;

/// <summary>What a receipt says, who may download it (staff, the API, the client who paid) and emailing it on request.</summary>
public sealed class ReceiptContentTests : DemoAppTest
{
    [Fact]
    public async Task The_receipt_names_payer_date_method_reference_documents_balance_and_refunds_since()
    {
        var clientId = await Data.CreateClientAsync("Rosa Receipt", "rosa@example.test");
        var invoice = await Data.OpenInvoiceAsync(clientId, "125.00");
        var payment = await Handler<RecordInvoicePayment>().HandleAsync(
            new OfflinePaymentCommand(invoice.Id, Money.Parse("150.00", Currency.EUR), PaymentMethod.Cheque, "cheque 0042", new DateOnly(2026, 11, 30)));
        await Handler<PaymentRefunds>().RefundAsync(new RefundCommand(payment.Payment.Id, Money.Parse("10.00", Currency.EUR), RefundDestination.Balance, "Lesson cancelled", "finance"));

        var text = PdfText.Extract(await ApiReceiptAsync(payment.Payment.Id));

        Assert.Contains($"Receipt for payment {payment.Payment.Id}", text, StringComparison.Ordinal);
        Assert.Contains("Received from", text, StringComparison.Ordinal);
        Assert.Contains("Rosa Receipt", text, StringComparison.Ordinal);
        Assert.Contains("30 Nov 2026", text, StringComparison.Ordinal);
        Assert.Contains("Cheque", text, StringComparison.Ordinal);
        Assert.Contains("cheque 0042", text, StringComparison.Ordinal);
        Assert.Contains($"Invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("€125.00", text, StringComparison.Ordinal);
        Assert.Contains("Your balance", text, StringComparison.Ordinal);
        Assert.Contains("€25.00", text, StringComparison.Ordinal);
        Assert.Contains("Refunded to your balance", text, StringComparison.Ordinal);
        Assert.Contains("€10.00", text, StringComparison.Ordinal);
        Assert.Contains("€150.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_404_problem_for_a_payment_without_a_receipt()
    {
        using var api = ApiClient();
        using var response = await api.GetAsync("/api/v1/payments/987654/receipt");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Staff_and_the_paying_client_download_the_receipt_and_another_client_does_not()
    {
        int demoClientId;
        await using (var db = App.CreateDbContext())
        {
            demoClientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }
        var own = await PaidInvoiceAsync(demoClientId, "40.00");
        var other = await PaidInvoiceAsync(await Data.CreateClientAsync("Someone Else"), "60.00");

        using var staff = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(staff, DemoUsers.Finance, DemoUsers.Password))
        {
        }
        using (var pdf = await staff.GetAsync($"/admin/payments/{other}/receipt"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Contains("Someone Else", PdfText.Extract(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(client, DemoUsers.Client, DemoUsers.Password))
        {
        }
        using (var mine = await client.GetAsync($"/portal/payments/{own}/receipt"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            Assert.Contains("€40.00", PdfText.Extract(await mine.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }
        using (var theirs = await client.GetAsync($"/portal/payments/{other}/receipt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }
    }

    [Fact]
    public async Task Staff_email_the_receipt_on_request_as_often_as_they_ask()
    {
        var paymentId = await PaidInvoiceAsync(await Data.CreateClientAsync("Mo Mail", "mo@example.test"), "30.00");

        Assert.Equal("mo@example.test", await Handler<PaymentReceipts>().EmailAsync(paymentId));
        await Handler<PaymentReceipts>().EmailAsync(paymentId);

        await using var db = App.CreateDbContext();
        var sent = db.Outbox.Where(m => m.To == "mo@example.test" && m.Kind == DocumentEmails.ReceiptKind).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.Contains("€30.00", PdfText.Extract(m.AttachmentContent!), StringComparison.Ordinal));
    }

    private async Task<int> PaidInvoiceAsync(int clientId, string amount) => await PayAsync((await Data.OpenInvoiceAsync(clientId, amount)).Id, amount);

    private async Task<byte[]> ApiReceiptAsync(int paymentId)
    {
        using var api = ApiClient();
        using var response = await api.GetAsync($"/api/v1/payments/{paymentId}/receipt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
