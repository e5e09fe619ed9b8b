using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// The reconnect dialog is driven by classes that blazor.web.js sets (the 9.0 script we ship, docs/decisions/0002),
/// not by the .NET 10 template's events; only losing a real server proves the two still fit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReconnectBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Stopping_the_server_shows_the_reconnect_dialog()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Stopping_the_server_shows_the_reconnect_dialog));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/settings");
        var modal = session.Page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeHiddenAsync();

        await _app.StopServerAsync();

        await Assertions.Expect(modal).ToHaveClassAsync(ReconnectShow(), new LocatorAssertionsToHaveClassOptions { Timeout = 20_000 });
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await Assertions.Expect(modal.GetByText("The connection to InvoiceHub was lost. Reconnecting…")).ToBeVisibleAsync();
        await session.ScreenshotAsync("reconnecting");
    }

    [GeneratedRegex(@"\bcomponents-reconnect-show\b")]
    private static partial Regex ReconnectShow();
}
