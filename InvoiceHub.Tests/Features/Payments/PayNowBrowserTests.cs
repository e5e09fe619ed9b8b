using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Payments;

[Collection(BrowserCollection.Name)]
public sealed class PayNowBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Client_pays_an_invoice_by_card_and_it_leaves_the_unpaid_panel()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Client_pays_an_invoice_by_card_and_it_leaves_the_unpaid_panel));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");

        var panel = page.GetByTestId("unpaid-panel");
        await Assertions.Expect(panel).ToContainTextAsync("Unpaid Invoices & Credit Requests");
        var row = panel.Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await row.GetByTestId("pay-now").ClickAsync();
        await page.WaitForURLAsync($"**/portal/invoices/{invoiceId}#pay");
        await Assertions.Expect(page.GetByTestId("document-number")).ToContainTextAsync(number);
        await Assertions.Expect(page.GetByTestId("document-still-to-pay")).ToContainTextAsync("99.00");
        await Assertions.Expect(page.GetByTestId("document-line")).ToHaveCountAsync(1);

        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true");
        await page.GetByTestId("pay-now").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(_t.Simulator.BaseAddress.ToString(), StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("checkout-description")).ToHaveTextAsync(number);
        await page.GetByTestId("outcome-paid").CheckAsync();
        await page.GetByTestId("checkout-continue").ClickAsync();

        await page.WaitForURLAsync("**/payments/*/return");
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid");
        await Assertions.Expect(page.GetByTestId("payment-outcome")).ToContainTextAsync("paid");
        await session.ScreenshotAsync("returned");

        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{number}']")).ToHaveCountAsync(0);
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, db.Invoices.Single(i => i.Id == invoiceId).Status);
    }

    [RequiresChromiumFact]
    public async Task Without_online_payment_there_is_no_pay_now_and_other_clients_documents_are_not_found()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000, clientId);
        var (_, strangersInvoiceId) = await _t.CreateOpenInvoiceAsync(7_000);
        await _t.SetOnlinePaymentAsync(false);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Without_online_payment_there_is_no_pay_now_and_other_clients_documents_are_not_found));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);

        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-row").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0);

        await session.GotoInteractiveAsync($"/portal/invoices/{invoiceId}");
        await Assertions.Expect(page.GetByTestId("document-total")).ToContainTextAsync("50.00");
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("pay-section")).ToHaveCountAsync(0);

        var stranger = await page.GotoAsync($"/portal/invoices/{strangersInvoiceId}");
        Assert.Equal(404, stranger!.Status);
        await Assertions.Expect(page.GetByTestId("document-total")).ToHaveCountAsync(0);
    }
}
