using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// Every page, as every role that can open it, in the light and the dark theme, passes axe-core's WCAG 2.1 A and AA
/// rules with no violation (docs/ACCESSIBILITY.md). One app with the demo data serves all of them; each page is
/// opened fresh and checked once its circuit has rendered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Pages nobody needs to be signed in for (static server-rendered).</summary>
    public static TheoryData<string, string> PublicPages => new()
    {
        { "sign-in", "/account/login" },
    };

    [RequiresChromiumTheory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_page_has_no_violations(string name, string path)
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, $"axe-{name}");
        await session.Page.GotoAsync(path);
        await Axe.AssertNoViolationsAsync(session.Page, $"public-{name}");
    }

    [RequiresChromiumTheory]
    [InlineData("client-dashboard", "/portal", false)]
    [InlineData("client-dashboard", "/portal", true)]
    public async Task Client_page_has_no_violations(string name, string path, bool dark) =>
        await Axe.AssertSignedInPageAsync(browser, _app.BaseAddress, DemoUsers.Client, path, dark, name);
}
