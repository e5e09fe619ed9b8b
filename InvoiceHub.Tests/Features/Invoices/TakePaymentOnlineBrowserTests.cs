using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>Staff ▸ Take Payment ▸ Online on the invoice page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TakePaymentOnlineBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Finance_emails_a_payment_request_from_the_invoice_page()
    {
        var clientId = await Data.CreateClientAsync("Request Rita");
        var invoice = await Data.OpenInvoiceAsync(clientId, "75.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_emails_a_payment_request_from_the_invoice_page));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-online").First.ClickAsync();
        var online = page.GetByTestId("online-payment-dialog");
        await Assertions.Expect(online.GetByTestId("no-mandate")).ToBeVisibleAsync();

        await online.GetByTestId("email-payment-request").ClickAsync();
        await Assertions.Expect(online.GetByTestId("online-message")).ToBeVisibleAsync();
        await session.ScreenshotAsync("payment-request-sent");

        await using var db = App.CreateDbContext();
        var email = await db.Outbox.AsNoTracking().Where(m => m.Subject.Contains(invoice.Number!)).SingleAsync();
        Assert.Contains("/pay/", email.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("@example.test", email.To, StringComparison.Ordinal);
    }
}
