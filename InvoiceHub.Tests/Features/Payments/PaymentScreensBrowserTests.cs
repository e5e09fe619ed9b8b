using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Payments;

[Collection(BrowserCollection.Name)]
public sealed class PaymentScreensBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Finance_finds_a_card_payment_and_refunds_part_of_it_through_the_dialog()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(8_000);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Finance_finds_a_card_payment_and_refunds_part_of_it_through_the_dialog));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);

        await page.GotoAsync($"/admin/payments?q={providerId}");
        var row = page.GetByTestId("payment-table").Locator("tbody tr.ih-payment-row");
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(row).ToContainTextAsync("80.00");
        await row.GetByTestId("payment-link").ClickAsync();
        await page.WaitForURLAsync($"**/admin/payments/{paymentId}");
        await session.ReloadInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("mollie-id")).ToHaveTextAsync(providerId, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("settled-part")).ToContainTextAsync(await _t.InvoiceNumberOfAsync(invoiceId));

        await page.GetByTestId("refund").ClickAsync();
        var dialog = page.GetByTestId("refund-dialog");
        await Assertions.Expect(dialog.GetByLabel("Amount (EUR)")).ToHaveValueAsync("80.00", new() { Timeout = Patience });
        await dialog.GetByLabel("Amount (EUR)").FillAsync("90.00");
        await dialog.GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(dialog.Locator("#refund-amount-error")).ToContainTextAsync("At most", new() { Timeout = Patience });
        await Assertions.Expect(dialog.Locator("#refund-reason-error")).ToContainTextAsync("Say why");
        await session.ScreenshotAsync("refund-validation");

        await dialog.GetByLabel("Amount (EUR)").FillAsync("30.00");
        await dialog.GetByLabel("Reason").FillAsync("Two lessons cancelled");
        await dialog.GetByTestId("confirm-refund").ClickAsync();

        await Assertions.Expect(page.GetByTestId("refund-dialog")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("being refunded to the payer", new() { Timeout = Patience });
        var refundRow = page.GetByTestId("refund-row");
        await Assertions.Expect(refundRow).ToHaveCountAsync(1);
        await Assertions.Expect(refundRow.GetByTestId("refund-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(refundRow).ToContainTextAsync("re_");
        await Assertions.Expect(page.GetByTestId("payment-refunded")).ToContainTextAsync("30.00");
        await session.ScreenshotAsync("refunded");

        await using var db = _t.App.CreateDbContext();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.PaymentId == paymentId);
        Assert.Equal((3_000L, RefundDestination.Payer, "finance@invoicehub.test"), (refund.AmountMinor, refund.Destination, refund.RequestedBy));
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((InvoiceStatus.Open, 3_000L), (invoice.Status, invoice.StillToPayMinor));
    }

    [RequiresChromiumFact]
    public async Task The_payment_list_keeps_its_filters_and_sort_in_the_address()
    {
        await _t.PayInvoiceOnlineAsync(4_200);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(The_payment_list_keeps_its_filters_and_sort_in_the_address));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);

        await session.GotoInteractiveAsync("/admin/payments?status=Paid&sort=amount");
        var rows = page.GetByTestId("payment-table").Locator("tbody tr.ih-payment-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = Patience });
        foreach (var status in await rows.GetByTestId("payment-status").AllTextContentsAsync())
        {
            Assert.Equal("Paid", status.Trim());
        }
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", "/admin/payments/export.csv?status=Paid&sort=amount");

        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Amount" }).GetByText("Amount", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/admin/payments?status=Paid&sort=-amount", new() { Timeout = Patience });

        await page.Locator("#q").FillAsync("nobody-pays-like-this");
        await page.GetByTestId("apply-filters").ClickAsync();
        await page.WaitForURLAsync("**/admin/payments?q=nobody-pays-like-this&status=Paid&sort=-amount", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payments-empty")).ToContainTextAsync("No payments match these filters", new() { Timeout = Patience });
        await session.ScreenshotAsync("payments-filtered-empty");

        await page.GetByTestId("clear-filters").ClickAsync();
        await page.WaitForURLAsync("**/admin/payments?sort=-amount", new() { Timeout = Patience });
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = Patience });
    }
}
