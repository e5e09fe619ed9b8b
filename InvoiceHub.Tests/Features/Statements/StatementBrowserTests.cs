using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Statements;

/// <summary>Statements and receipts in the browser: Finance emails a statement from the client page, a client downloads a receipt from the portal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatementBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Finance_emails_a_statement_from_the_client_page_and_it_arrives_in_the_mailbox_with_the_pdf()
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        var clientId = await Data.CreateClientAsync("Stella Statement", email);
        var invoice = await Data.OpenInvoiceAsync(clientId, "80.00");
        await PayAsync(invoice.Id, "30.00");

        await using (var finance = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_emails_a_statement_from_the_client_page_and_it_arrives_in_the_mailbox_with_the_pdf) + "-finance"))
        {
            await finance.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
            await finance.GotoInteractiveAsync($"/admin/clients/{clientId}");
            var action = finance.Page.GetByTestId("statement-action");
            await Assertions.Expect(action.GetByLabel("From")).ToHaveValueAsync($"{DateTime.UtcNow.Year}-01-01");
            await Assertions.Expect(action.GetByLabel("To")).ToHaveValueAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var download = await finance.Page.APIRequest.GetAsync(await action.GetByTestId("download-statement").GetAttributeAsync("href") ?? "");
            Assert.Equal(200, download.Status);
            Assert.Contains("Stella Statement", PdfText.Extract(await download.BodyAsync()), StringComparison.Ordinal);
            await action.GetByTestId("email-statement").ClickAsync();
            await Assertions.Expect(finance.Page.Locator(".mud-snackbar")).ToContainTextAsync($"The statement is on its way to {email}");
            await finance.ScreenshotAsync("statement-emailed");
        }

        await using var admin = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_emails_a_statement_from_the_client_page_and_it_arrives_in_the_mailbox_with_the_pdf) + "-mailbox");
        await admin.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await admin.Page.GotoAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
        await Assertions.Expect(admin.Page.GetByTestId("mailbox-list").Locator("a")).ToHaveCountAsync(1);
        var attachment = await admin.Page.APIRequest.GetAsync(await admin.Page.GetByTestId("mail-attachment").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, attachment.Status);
        var text = PdfText.Extract(await attachment.BodyAsync());
        Assert.Contains("Statement for", text, StringComparison.Ordinal);
        Assert.Contains($"Invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("€50.00", text, StringComparison.Ordinal);
        await admin.ScreenshotAsync("statement-in-mailbox");
    }

    [RequiresChromiumFact]
    public async Task A_client_downloads_the_receipt_of_a_paid_invoice_from_the_portal()
    {
        await Data.SetAutoMarkPaidAsync(false);
        int clientId;
        await using (var db = App.CreateDbContext())
        {
            clientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }
        var invoice = await Data.OpenInvoiceAsync(clientId, "45.00");
        var paymentId = await PayAsync(invoice.Id, "45.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_client_downloads_the_receipt_of_a_paid_invoice_from_the_portal));
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/portal/invoices/{invoice.Id}");
        var payments = session.Page.GetByTestId("document-payments");
        await Assertions.Expect(payments.GetByTestId("document-payment")).ToContainTextAsync("Payment of €45.00");
        var href = await payments.GetByTestId("download-receipt").GetAttributeAsync("href") ?? "";
        Assert.Equal($"/portal/payments/{paymentId}/receipt", href);
        var receipt = await session.Page.APIRequest.GetAsync(href);
        Assert.Equal(200, receipt.Status);
        var text = PdfText.Extract(await receipt.BodyAsync());
        Assert.Contains($"Receipt for payment {paymentId}", text, StringComparison.Ordinal);
        Assert.Contains($"Invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("€45.00", text, StringComparison.Ordinal);
        await session.ScreenshotAsync("portal-receipt");
    }

    private async Task<int> PayAsync(int invoiceId, string amount)
    {
        var paid = await App.Services.GetRequiredService<RecordInvoicePayment>()
            .HandleAsync(new OfflinePaymentCommand(invoiceId, Money.Parse(amount, Currency.EUR), PaymentMethod.Cash, null, null));
        return paid.Payment.Id;
    }
}
