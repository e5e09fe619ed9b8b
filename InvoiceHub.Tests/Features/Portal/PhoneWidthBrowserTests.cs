using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Portal;

/// <summary>
/// Phone width first (issue 13): at 390×844 every open document shows its number, due date, still to pay and Pay Now,
/// and no page scrolls sideways — the dashboard, an invoice's own page and the payment link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneWidthBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;
    private const int PhoneWidth = 390;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<BrowserSession> PhoneSessionAsync(string name)
    {
        var session = await browser.NewSessionAsync(_t.App.BaseAddress, name);
        await session.Page.SetViewportSizeAsync(PhoneWidth, 844);
        return session;
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"The page is {width}px wide at a {PhoneWidth}px viewport: it scrolls sideways.");
    }

    /// <summary>Fully inside the viewport horizontally: seen, not cut off at the right edge.</summary>
    private static async Task AssertWithinWidthAsync(ILocator element, string what)
    {
        await Assertions.Expect(element).ToBeVisibleAsync(new() { Timeout = Patience });
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"{what} lies outside 0…{PhoneWidth}px: x={box.X}, width={box.Width}.");
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_the_statement_page_shows_both_dates_and_the_download_without_sideways_scrolling()
    {
        await using var session = await PhoneSessionAsync(nameof(On_a_phone_the_statement_page_shows_both_dates_and_the_download_without_sideways_scrolling));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await page.GotoAsync("/portal/statement");
        await AssertWithinWidthAsync(page.GetByLabel("From"), "From");
        await AssertWithinWidthAsync(page.GetByLabel("To"), "To");
        await AssertWithinWidthAsync(page.GetByTestId("download-statement"), "Download statement");
        await AssertNoSidewaysScrollAsync(page);
        await session.ScreenshotAsync("statement");
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_the_dashboard_shows_each_open_documents_number_due_date_still_to_pay_and_pay_now()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        await _t.CreateOpenInvoiceAsync(1_234_567, clientId);
        await _t.CreateOpenInvoiceAsync(2_300, clientId);
        await using var session = await PhoneSessionAsync(nameof(On_a_phone_the_dashboard_shows_each_open_documents_number_due_date_still_to_pay_and_pay_now));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");

        var rows = page.GetByTestId("unpaid-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = Patience });
        var count = await rows.CountAsync();
        Assert.True(count >= 2, $"Expected the two new open invoices at least, found {count} rows.");
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var number = await row.GetAttributeAsync("data-number");
            await AssertWithinWidthAsync(row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }), $"{number}'s number");
            await AssertWithinWidthAsync(row.GetByTestId("unpaid-due"), $"{number}'s due date");
            await AssertWithinWidthAsync(row.GetByTestId("unpaid-still-to-pay"), $"{number}'s still to pay");
            await AssertWithinWidthAsync(row.GetByTestId("pay-now").Or(row.GetByTestId("payment-pending")).First, $"{number}'s Pay Now");
        }

        await Assertions.Expect(page.Locator("[data-testid='unpaid-row']", new() { HasText = "12,345.67" })).ToHaveCountAsync(1);
        await AssertNoSidewaysScrollAsync(page);
        await session.ScreenshotAsync("dashboard-390");
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_an_invoice_page_and_its_payment_link_show_number_due_date_total_still_to_pay_and_pay_now()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(1_234_567, clientId);
        string linkPath;
        await using (var db = _t.App.CreateDbContext())
        {
            var url = await _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().CreateOrRenewAsync(db, PayableKind.Invoice, invoiceId, _t.App.BaseAddress);
            await db.SaveChangesAsync();
            linkPath = new Uri(url).AbsolutePath;
        }

        await using (var link = await PhoneSessionAsync("payment-link-390"))
        {
            await link.GotoInteractiveAsync(linkPath);
            await AssertDocumentFitsAsync(link.Page);
            await link.ScreenshotAsync("payment-link-390");
        }

        await using var session = await PhoneSessionAsync(nameof(On_a_phone_an_invoice_page_and_its_payment_link_show_number_due_date_total_still_to_pay_and_pay_now));
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync(PayableDocuments.PortalPath(PayableKind.Invoice, invoiceId));
        await AssertDocumentFitsAsync(session.Page);
        await session.ScreenshotAsync("invoice-390");
    }

    private static async Task AssertDocumentFitsAsync(IPage page)
    {
        await AssertWithinWidthAsync(page.GetByTestId("document-number"), "the number");
        await AssertWithinWidthAsync(page.GetByTestId("document-due"), "the due date");
        await AssertWithinWidthAsync(page.GetByTestId("document-total"), "the total");
        await Assertions.Expect(page.GetByTestId("document-total")).ToContainTextAsync("12,345.67");
        await AssertWithinWidthAsync(page.GetByTestId("document-still-to-pay"), "still to pay");
        await Assertions.Expect(page.GetByTestId("document-still-to-pay")).ToContainTextAsync("12,345.67");
        await AssertWithinWidthAsync(page.GetByTestId("pay-now"), "Pay Now");
        await AssertNoSidewaysScrollAsync(page);
    }
}
