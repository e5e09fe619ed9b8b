using System.Text.RegularExpressions;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// .NET 10's reconnect UI (Components/ReconnectModal: blazor.web.js's components-reconnect-state-changed events) against
/// real outages: a connection cut while the server keeps the circuit, and a server process killed and started again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReconnectBrowserTests(BrowserFixture browser)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Outage = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToBeHiddenOptions BackAgain = new() { Timeout = 60_000 };

    [RequiresChromiumFact]
    public async Task A_cut_connection_shows_the_dialog_until_the_page_rejoins_its_circuit_with_unsaved_changes_kept()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });
        await using var proxy = new CuttableProxy(app.BaseAddress);
        await using var session = await browser.NewSessionAsync(proxy.BaseAddress, nameof(A_cut_connection_shows_the_dialog_until_the_page_rejoins_its_circuit_with_unsaved_changes_kept));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/settings");
        // resumeCircuit is new in .NET 10's blazor.web.js: the page runs the framework's own script, not an older copy.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof Blazor.resumeCircuit === 'function'"), "blazor.web.js is not .NET 10's.");
        var dialog = ReconnectDialog(page);
        await Assertions.Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync();
        // Changed on the page but not saved: it lives only in the server's circuit.
        var onlinePayment = page.GetByLabel("Online Invoice Payment", new PageGetByLabelOptions { Exact = true });
        var wanted = !await onlinePayment.IsCheckedAsync();
        await onlinePayment.SetCheckedAsync(wanted);

        proxy.Cut();

        await Assertions.Expect(dialog).ToBeVisibleAsync(Outage);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Status).Locator("p:visible")).ToHaveTextAsync(Reconnecting());
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "Focus is not in the reconnect dialog.");
        await session.ScreenshotAsync("reconnecting");

        proxy.Restore();

        await Assertions.Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync(BackAgain);
        await Assertions.Expect(onlinePayment).ToBeCheckedAsync(new LocatorAssertionsToBeCheckedOptions { Checked = wanted });
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToHaveTextAsync("Saved.");
        await using var db = app.CreateDbContext();
        Assert.Equal(wanted, (await db.Settings.AsNoTracking().SingleAsync()).OnlineInvoicePayment);
    }

    [RequiresChromiumFact]
    public async Task A_killed_server_shows_the_dialog_and_once_restarted_the_page_comes_back_and_works()
    {
        var settings = JobCatalog.All.ToDictionary(job => $"Jobs:Schedules:{job.Name}", _ => InvoiceHubFactory.NeverCron);
        await using var app = await WebAppProcess.StartAsync(Environments.Development, settings);
        await using var session = await browser.NewSessionAsync(app.BaseAddress, nameof(A_killed_server_shows_the_dialog_and_once_restarted_the_page_comes_back_and_works));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/settings");
        var dialog = ReconnectDialog(page);
        await Assertions.Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync();
        await page.EvaluateAsync("() => window.beforeTheRestart = true");

        await app.KillAsync();

        await Assertions.Expect(dialog).ToBeVisibleAsync(Outage);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Status).Locator("p:visible")).ToHaveTextAsync(Reconnecting());
        await session.ScreenshotAsync("server-gone");

        await app.RestartAsync();

        // The new process never knew this page's circuit: the dialog reloads the page, which gets a new one.
        await page.WaitForFunctionAsync(
            "() => window.beforeTheRestart === undefined && document.querySelector('[data-circuit=live]') !== null",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("reconnect-modal")).ToBeHiddenAsync(BackAgain);
        var onlinePayment = page.GetByLabel("Online Invoice Payment", new PageGetByLabelOptions { Exact = true });
        var wanted = !await onlinePayment.IsCheckedAsync();
        await onlinePayment.SetCheckedAsync(wanted);
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToHaveTextAsync("Saved.");
        await session.ReloadInteractiveAsync();
        await Assertions.Expect(onlinePayment).ToBeCheckedAsync(new LocatorAssertionsToBeCheckedOptions { Checked = wanted });
        await session.ScreenshotAsync("back");
    }

    private static ILocator ReconnectDialog(IPage page) =>
        page.GetByRole(AriaRole.Alertdialog, new PageGetByRoleOptions { Name = "Connection lost" });

    /// <summary>The first attempt's words, or those of the retries that follow it a moment later.</summary>
    [GeneratedRegex(@"^\s*(The connection to InvoiceHub was lost\. Reconnecting…|InvoiceHub is not reachable yet\. Trying again in \d+\s?s…)\s*$")]
    private static partial Regex Reconnecting();
}
