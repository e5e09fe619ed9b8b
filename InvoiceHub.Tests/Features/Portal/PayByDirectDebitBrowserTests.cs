using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Portal;

/// <summary>
/// Direct Debit at Pay Now in Chromium: a wrong IBAN is refused next to the field, a signed mandate leaves the document
/// "Payment pending since …" on the dashboard (paying again asks first) until the bank's payment settles it; the saved
/// mandate is then removed from the portal (revoked at Mollie).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PayByDirectDebitBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync()
    {
        _t = await PaymentsTestApp.StartAsync(seedDemoData: true);
        await _t.Handler<PaymentProviderService>().SaveMollieMethodsAsync(["creditcard", "banktransfer", "directdebit"]);
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task A_client_pays_by_direct_debit_sees_it_pending_on_the_dashboard_until_the_bank_pays_and_removes_the_mandate()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(1_234, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_client_pays_by_direct_debit_sees_it_pending_on_the_dashboard_until_the_bank_pays_and_removes_the_mandate));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);

        await session.GotoInteractiveAsync($"/portal/invoices/{invoiceId}");
        await page.GetByTestId("method-directdebit").ClickAsync(new() { Timeout = Patience });
        await page.Locator("#dd-holder").FillAsync("Demo Client");
        await page.Locator("#dd-iban").FillAsync("NL00 INGB 0000 0000 01");
        await page.GetByTestId("accept-mandate").CheckAsync();
        await page.GetByTestId("pay-now").ClickAsync();
        await Assertions.Expect(page.Locator("#dd-iban-error")).ToContainTextAsync("not a valid IBAN", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#dd-iban")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, _t.Simulator.State.PaymentCount);
        await session.ScreenshotAsync("wrong-iban");

        await page.Locator("#dd-iban").FillAsync("NL55 INGB 0000 0000 00");
        await page.GetByTestId("pay-now").ClickAsync();
        // The form says the debit started; the page then reloads the invoice, which is pending from now on.
        await Assertions.Expect(page.Locator("[data-testid=direct-debit-started], [data-testid=payment-pending]").First)
            .ToContainTextAsync("Payment pending since", new() { Timeout = Patience });
        Assert.Equal(1, _t.Simulator.State.PaymentCount);

        await session.GotoInteractiveAsync("/portal");
        var row = page.Locator($"[data-testid=unpaid-row][data-number='{number}']");
        await Assertions.Expect(row.GetByTestId("payment-pending")).ToContainTextAsync("Payment pending since", new() { Timeout = Patience });
        await Assertions.Expect(row.GetByTestId("pay-now")).ToHaveCountAsync(0);
        await row.GetByTestId("pay-again").ClickAsync();
        var question = row.GetByTestId("pay-again-question");
        await Assertions.Expect(question).ToContainTextAsync("12.34");
        await Assertions.Expect(question).ToContainTextAsync("is still pending. Pay again anyway?");
        await session.ScreenshotAsync("dashboard-pending-asks-first");
        await row.GetByTestId("keep-waiting").ClickAsync();
        await Assertions.Expect(question).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=saved-method][data-method=directdebit]")).ToContainTextAsync("Direct debit from NL55", new() { Timeout = Patience });

        // The bank collects the debit; the dashboard follows live and no longer lists the invoice.
        int paymentId;
        await using (var db = _t.App.CreateDbContext())
        {
            paymentId = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).Select(p => p.Id).SingleAsync();
        }

        (await _t.Controls.PostAsync($"_sim/payments/{await _t.ProviderIdOfAsync(paymentId)}/settle", null)).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the debit pays the invoice");
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = Patience });

        // Removing the saved mandate asks first, then revokes it at Mollie.
        var saved = page.Locator("[data-testid=saved-method][data-method=directdebit]");
        await saved.GetByTestId("remove-method").ClickAsync();
        await Assertions.Expect(saved.GetByTestId("remove-method-confirm")).ToContainTextAsync("no longer charge");
        Assert.Single((await _t.Handler<ClientMandates>().ValidMandatesAsync(clientId)).Mandates);
        await saved.GetByTestId("confirm-remove-method").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved-methods-empty")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Empty((await _t.Handler<ClientMandates>().ValidMandatesAsync(clientId)).Mandates);
        await session.ScreenshotAsync("mandate-removed");
    }
}
