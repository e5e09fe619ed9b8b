using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// The client portal and the payment link pass axe-core's WCAG 2.1 A and AA rules: the client's pages in the light and
/// the dark theme, the public pages (light: nobody is signed in to switch) at desktop and at phone width. One app with
/// the demo data and online payment on (Pay Now and the methods are on the pages) serves all of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalAccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    public static TheoryData<string, bool> ClientPages => new()
    {
        { "dashboard", false }, { "dashboard", true },
        { "invoice", false }, { "invoice", true },
        { "credit-request", false }, { "credit-request", true },
        { "credit-notes", false }, { "credit-notes", true },
    };

    /// <summary>The statement is static server-rendered: no circuit to wait for, the page is complete once loaded.</summary>
    [RequiresChromiumTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Statement_page_has_no_violations(bool dark)
    {
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, "axe-portal-statement");
        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Client, DemoUsers.Password));
        await session.SetThemeAsync(dark);
        await session.Page.GotoAsync("/portal/statement");
        await Axe.AssertNoViolationsAsync(session.Page, $"portal-statement-{(dark ? "dark" : "light")}");
    }

    [RequiresChromiumTheory]
    [MemberData(nameof(ClientPages))]
    public async Task Client_page_has_no_violations(string page, bool dark) =>
        await Axe.AssertSignedInPageAsync(browser, _t.App.BaseAddress, DemoUsers.Client, await ClientPathAsync(page), dark, $"portal-{page}");

    [RequiresChromiumTheory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task Payment_link_page_has_no_violations(int width)
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900);
        string path;
        await using (var db = _t.App.CreateDbContext())
        {
            var url = await _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().CreateOrRenewAsync(db, PayableKind.Invoice, invoiceId, _t.App.BaseAddress);
            await db.SaveChangesAsync();
            path = new Uri(url).AbsolutePath;
        }

        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, $"axe-payment-link-{width}");
        await session.Page.SetViewportSizeAsync(width, 844);
        await session.GotoInteractiveAsync(path);
        await Microsoft.Playwright.Assertions.Expect(session.Page.GetByTestId("pay-now")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Axe.AssertNoViolationsAsync(session.Page, $"payment-link-{width}");
    }

    /// <summary>The portal's credit notes, with one of the demo client's in the list.</summary>
    private async Task<string> WithACreditNoteAsync(int clientId)
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_000, clientId);
        await Features.CreditNotes.CreditNoteData.CreditAsync(_t.App, invoiceId, 1_500);
        return "/portal/credit-notes";
    }

    /// <summary>A page of the demo client's: its dashboard, one of its open invoices, a credit request, the credit notes.</summary>
    private async Task<string> ClientPathAsync(string page)
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        await using var db = _t.App.CreateDbContext();
        return page switch
        {
            "dashboard" => "/portal",
            "invoice" => PayableDocuments.PortalPath(PayableKind.Invoice,
                await db.Invoices.Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open).Select(i => i.Id).FirstAsync()),
            "credit-request" => PayableDocuments.PortalPath(PayableKind.CreditRequest,
                await db.CreditRequests.Where(r => r.ClientId == clientId).Select(r => r.Id).FirstAsync()),
            "credit-notes" => await WithACreditNoteAsync(clientId),
            _ => throw new ArgumentOutOfRangeException(nameof(page), page, "No such portal page."),
        };
    }
}
