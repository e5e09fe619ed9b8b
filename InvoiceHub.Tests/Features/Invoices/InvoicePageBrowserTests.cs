using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The staff invoice page: paying from credit, recording offline payments, voiding.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InvoicePageBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Pay_from_credit_takes_a_partial_amount_and_leaves_still_to_pay()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var clientId = await Data.CreateClientAsync("Credit Carla");
        var invoice = await Data.OpenInvoiceAsync(clientId, "100.00");
        await Data.AdjustBalanceAsync(clientId, "30.00");
        await Data.SetAutoMarkPaidAsync(true);

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Pay_from_credit_takes_a_partial_amount_and_leaves_still_to_pay));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("invoice-title")).ToHaveTextAsync(invoice.Number!);
        await Assertions.Expect(page.GetByTestId("totals-still-to-pay")).ToContainTextAsync("100.00");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pay From Credit", Exact = true }).ClickAsync();
        var amount = page.GetByLabel("Amount (EUR)");
        await Assertions.Expect(amount).ToHaveValueAsync("30.00");
        await amount.FillAsync("45.00");
        await page.GetByTestId("confirm-pay-from-credit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pay-from-credit-dialog").GetByTestId("field-error")).ToContainTextAsync("At most");
        await session.ScreenshotAsync("too-much");

        await amount.FillAsync("10.00");
        await page.GetByTestId("confirm-pay-from-credit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pay-from-credit-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("totals-still-to-pay")).ToContainTextAsync("90.00");
        await Assertions.Expect(page.GetByTestId("client-balance")).ToContainTextAsync("20.00");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Paid from credit: €10.00");
        await session.ScreenshotAsync("paid-partially");

        var stored = await Data.InvoiceAsync(invoice.Id);
        Assert.Equal(9000, stored.StillToPay.Minor);
        Assert.Equal(InvoiceStatus.Open, stored.Status);
        Assert.Equal(2000, (await Data.BalanceAsync(clientId)).Minor);
    }

    [RequiresChromiumFact]
    public async Task Offline_payment_checks_its_fields_then_pays_the_invoice()
    {
        var clientId = await Data.CreateClientAsync("Cash Cees");
        var invoice = await Data.OpenInvoiceAsync(clientId, "60.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Offline_payment_checks_its_fields_then_pays_the_invoice));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("pay-from-credit")).ToHaveCountAsync(0);

        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-offline").ClickAsync();
        var dialog = page.GetByTestId("offline-payment-dialog");
        await Assertions.Expect(dialog.GetByLabel("Amount (EUR)")).ToHaveValueAsync("60.00");
        await dialog.GetByLabel("Amount (EUR)").FillAsync("abc");
        await dialog.GetByTestId("confirm-offline-payment").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("Enter the amount received");
        await Assertions.Expect(dialog.GetByLabel("Amount (EUR)")).ToHaveAttributeAsync("aria-invalid", "true");

        await dialog.GetByLabel("Amount (EUR)").FillAsync("60.00");
        await dialog.GetByTestId("offline-method-cheque").CheckAsync();
        await dialog.GetByLabel("Reference").FillAsync("CHQ-778");
        await dialog.GetByTestId("confirm-offline-payment").ClickAsync();

        await Assertions.Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("totals-still-to-pay")).ToContainTextAsync("0.00");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("reference CHQ-778");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("recorded");
        await session.ScreenshotAsync("paid");
        Assert.Equal(InvoiceStatus.Paid, (await Data.InvoiceAsync(invoice.Id)).Status);
    }

    [RequiresChromiumFact]
    public async Task Void_asks_for_confirmation_and_a_reason()
    {
        var clientId = await Data.CreateClientAsync("Void Vera");
        var invoice = await Data.OpenInvoiceAsync(clientId, "25.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Void_asks_for_confirmation_and_a_reason));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await page.GetByTestId("void").ClickAsync();
        var dialog = page.GetByTestId("void-dialog");
        await dialog.GetByTestId("confirm-void").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("Say why");
        Assert.Equal(InvoiceStatus.Open, (await Data.InvoiceAsync(invoice.Id)).Status);

        await dialog.GetByLabel("Reason").FillAsync("Billed twice");
        await dialog.GetByTestId("confirm-void").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Void");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Billed twice");
        await session.ScreenshotAsync("voided");
    }

    [RequiresChromiumFact]
    public async Task Voiding_a_partly_paid_invoice_credits_it_with_a_credit_note_and_returns_the_money_to_the_balance()
    {
        await Data.SetAutoMarkPaidAsync(true);
        var clientId = await Data.CreateClientAsync("Credit Note Nora");
        await Data.AdjustBalanceAsync(clientId, "10.00");
        var invoice = await Data.OpenInvoiceAsync(clientId, "25.00");
        Assert.Equal(1500, (await Data.InvoiceAsync(invoice.Id)).StillToPay.Minor);

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Voiding_a_partly_paid_invoice_credits_it_with_a_credit_note_and_returns_the_money_to_the_balance));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await page.GetByTestId("void").ClickAsync();
        var dialog = page.GetByTestId("void-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("a credit note credits the €25.00");
        await Assertions.Expect(dialog.GetByTestId("void-to-balance")).ToBeCheckedAsync();
        await dialog.GetByLabel("Reason").FillAsync("Wrong client");
        await session.ScreenshotAsync("void-asks-where-the-money-goes");
        await dialog.GetByTestId("confirm-void").ClickAsync();

        await Assertions.Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Void");
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("voided with credit note CN-[0-9]{4}-[0-9]{5}"))).ToBeVisibleAsync();
        await session.ScreenshotAsync("voided-with-credit-note");
        Assert.Equal(1000, (await Data.BalanceAsync(clientId)).Minor);
    }

    [RequiresChromiumFact]
    public async Task Page_refreshes_when_a_payment_is_recorded_elsewhere()
    {
        var clientId = await Data.CreateClientAsync("Live Lars");
        var invoice = await Data.OpenInvoiceAsync(clientId, "40.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Page_refreshes_when_a_payment_is_recorded_elsewhere));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        await Assertions.Expect(session.Page.GetByTestId("totals-still-to-pay")).ToContainTextAsync("40.00");

        await Data.AdjustBalanceAsync(clientId, "40.00");
        await Data.SetAutoMarkPaidAsync(true);
        await Assertions.Expect(session.Page.GetByTestId("client-balance")).ToContainTextAsync("40.00");
    }
}
