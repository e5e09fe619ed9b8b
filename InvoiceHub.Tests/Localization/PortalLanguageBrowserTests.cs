using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// What a client and a payer read follows their language: a Spanish or Dutch client's portal from sign-in to the
/// simulator's checkout and back, a Dutch client's payment link whatever the browser asks for, the sign-in page by
/// Accept-Language and by the language switcher (which, for a signed-in client, changes <c>Client.Language</c>).
/// On each page nothing of the English of the portal's texts (SharedText, PortalText, PayLinkText, AccountText, PayText, and MudBlazor's own in ComponentText) shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalLanguageBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Two cores shared with builds and the other test classes: a page may take longer than Playwright's 5 s default.
    private const float Patience = 20_000;

    private static readonly string[] Areas = ["SharedText", "PortalText", "PayLinkText", "AccountText", "PayText", "ComponentText"];

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumTheory]
    [InlineData("es", "Pagar ahora", "Pagada")]
    [InlineData("nl", "Nu betalen", "Betaald")]
    public async Task A_client_reads_the_portal_in_their_language_and_pays_an_invoice_there(string code, string payNow, string paid)
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        await SetClientLanguageAsync(clientId, code);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_200, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, $"portal-language-{code}");
        var page = session.Page;

        // The sign-in page reads English (the browser asks for en-US); from sign-in on, the client's language.
        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Client, DemoUsers.Password));
        await AssertLanguageAsync(page, code);
        var row = page.Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await Assertions.Expect(row.GetByTestId("pay-now")).ToHaveTextAsync(payNow, new() { Timeout = Patience });
        await AssertNothingEnglishAsync(page, code, "dashboard");

        await session.GotoInteractiveAsync(PayableDocuments.PortalPath(PayableKind.Invoice, invoiceId));
        await AssertLanguageAsync(page, code);
        var card = page.GetByTestId("method-creditcard");
        await Assertions.Expect(card).ToBeEnabledAsync(new() { Timeout = Patience });
        await AssertNothingEnglishAsync(page, code, "invoice");
        await card.ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveTextAsync(payNow);
        await page.GetByTestId("pay-now").ClickAsync();
        await session.PayAtSimulatorCheckoutAsync(_t.Simulator.BaseAddress.ToString(), number, Patience);

        // The return page, then the invoice again: still the client's language, and the invoice says it is paid.
        await page.WaitForURLAsync("**/payments/*/return", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await AssertLanguageAsync(page, code);
        await session.WaitForInteractivityAsync(() => page.GetByTestId("payment-back").ClickAsync());
        await Assertions.Expect(page.GetByTestId("document-status")).ToHaveTextAsync(paid, new() { Timeout = Patience });
        await AssertLanguageAsync(page, code);
        await AssertNothingEnglishAsync(page, code, "invoice-paid");

        // The other client pages.
        await page.GotoAsync("/portal/statement");
        await AssertLanguageAsync(page, code);
        await AssertNothingEnglishAsync(page, code, "statement");
        await session.GotoInteractiveAsync("/portal/credit-notes");
        await Assertions.Expect(page.GetByTestId("portal-credit-notes")).ToBeVisibleAsync(new() { Timeout = Patience });
        // Once the list has loaded: MudBlazor's own loading indicator says "Loading" (its texts are not the portal's).
        await Assertions.Expect(page.GetByTestId("portal-credit-notes").Locator("[class*='mud-table-loading']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await AssertNothingEnglishAsync(page, code, "credit-notes");
        await page.GotoAsync("/no-such-page");
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync(new() { Timeout = Patience });
        await AssertNothingEnglishAsync(page, code, "not-found");
        await session.ScreenshotAsync("done");
    }

    [RequiresChromiumFact]
    public async Task A_payment_link_of_a_Dutch_client_reads_Dutch_whatever_the_browser_asks_for()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900);
        await SetClientLanguageAsync(clientId, "nl");
        var path = await PaymentLinkPathAsync(invoiceId);

        await using var session = await NewSessionAsync("es-ES", "pay-link-dutch");
        await session.GotoInteractiveAsync(path);
        await Assertions.Expect(session.Page.GetByTestId("pay-now")).ToHaveTextAsync("Nu betalen", new() { Timeout = Patience });
        await AssertLanguageAsync(session.Page, "nl");
        await Assertions.Expect(session.Page.GetByTestId("link-expires")).ToContainTextAsync("Deze link werkt tot");
        await AssertNothingEnglishAsync(session.Page, "nl", "payment-link");
    }

    [RequiresChromiumFact]
    public async Task The_sign_in_page_follows_Accept_Language_and_the_switcher_changes_it()
    {
        await using var session = await NewSessionAsync("es-MX", "sign-in-language");
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await AssertLanguageAsync(page, "es");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Iniciar sesión en InvoiceHub");
        await AssertNothingEnglishAsync(page, "es", "sign-in");

        // Submitting empty: the validation messages too.
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#email-error")).ToHaveTextAsync("Introduzca su dirección de correo electrónico.", new() { Timeout = Patience });
        await AssertNothingEnglishAsync(page, "es", "sign-in-refused");

        await page.GetByTestId("language-nl").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Aanmelden bij InvoiceHub", new() { Timeout = Patience });
        await AssertLanguageAsync(page, "nl");
        await AssertNothingEnglishAsync(page, "nl", "sign-in");
    }

    [RequiresChromiumFact]
    public async Task A_client_who_picks_Espanol_in_the_portal_reads_Spanish_and_their_language_becomes_Spanish()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        await SetClientLanguageAsync(clientId, "nl");
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, "portal-switch-language");
        var page = session.Page;
        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Client, DemoUsers.Password));
        await AssertLanguageAsync(page, "nl");
        await Assertions.Expect(page.GetByTestId("language-nl")).ToHaveAttributeAsync("aria-pressed", "true");

        // The switcher on the dashboard, a page with a live circuit.
        await page.GetByTestId("language-es").ClickAsync();
        await AssertLanguageAsync(page, "es");
        await Assertions.Expect(page.GetByTestId("unpaid-panel").Locator("h2")).ToHaveTextAsync("Facturas y solicitudes de crédito pendientes", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("language-es")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertNothingEnglishAsync(page, "es", "dashboard-switched");
        await using (var db = _t.App.CreateDbContext())
        {
            Assert.Equal("es", await db.Clients.Where(c => c.Id == clientId).Select(c => c.Language).SingleAsync());
        }

        // A page without a circuit (the statement) switches as well.
        await page.GotoAsync("/portal/statement");
        await page.GetByTestId("language-en").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Statement", new() { Timeout = Patience });
        await AssertLanguageAsync(page, "en");
    }

    [RequiresChromiumFact]
    public async Task The_Spanish_dashboard_and_payment_link_have_no_accessibility_violations()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        await SetClientLanguageAsync(clientId, "es");
        var (otherClientId, invoiceId) = await _t.CreateOpenInvoiceAsync(7_700);
        await SetClientLanguageAsync(otherClientId, "es");
        var path = await PaymentLinkPathAsync(invoiceId);

        await using (var session = await browser.NewSessionAsync(_t.App.BaseAddress, "axe-portal-es"))
        {
            await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Client, DemoUsers.Password));
            await Assertions.Expect(session.Page.GetByTestId("pay-now").First).ToHaveTextAsync("Pagar ahora", new() { Timeout = Patience });
            await AssertLanguageAsync(session.Page, "es");
            await Axe.AssertNoViolationsAsync(session.Page, "portal-dashboard-es");
        }

        await using (var session = await browser.NewSessionAsync(_t.App.BaseAddress, "axe-payment-link-es"))
        {
            await session.GotoInteractiveAsync(path);
            await Assertions.Expect(session.Page.GetByTestId("pay-now")).ToHaveTextAsync("Pagar ahora", new() { Timeout = Patience });
            await AssertLanguageAsync(session.Page, "es");
            await Axe.AssertNoViolationsAsync(session.Page, "payment-link-es");
        }
    }

    /// <summary>A browser whose language (Accept-Language) is <paramref name="locale"/>, rather than the fixture's en-US.</summary>
    private async Task<BrowserSession> NewSessionAsync(string locale, string testName)
    {
        await using (var probe = await browser.NewSessionAsync(_t.App.BaseAddress, testName))
        {
            var context = await probe.Page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = _t.App.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                Locale = locale,
            });
            context.SetDefaultTimeout(15_000);
            return new BrowserSession(context, await context.NewPageAsync(), testName);
        }
    }

    private async Task SetClientLanguageAsync(int clientId, string code)
    {
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(1, await db.Clients.Where(c => c.Id == clientId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, code)));
    }

    private async Task<string> PaymentLinkPathAsync(int invoiceId)
    {
        await using var db = _t.App.CreateDbContext();
        var url = await _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().CreateOrRenewAsync(db, PayableKind.Invoice, invoiceId, _t.App.BaseAddress);
        await db.SaveChangesAsync();
        return new Uri(url).AbsolutePath;
    }

    private static async Task AssertLanguageAsync(IPage page, string code) =>
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code, new() { Timeout = Patience });

    private static Task AssertNothingEnglishAsync(IPage page, string code, string name) => EnglishLeaks.AssertNoneAsync(page, code, name, Areas);
}
