using InvoiceHub.Web.Infrastructure.DemoData;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.Playwright;

namespace InvoiceHub.Bench;

/// <summary>
/// Server memory per open client-dashboard circuit: a signed-in Chromium opens <c>/portal</c> in N tabs, each a
/// real Blazor circuit over the /_blazor socket; then the tabs close, and what this process's managed heap (after a full,
/// compacting GC) gives back once the server has disposed their circuits, divided by N, is what each circuit held. The
/// heap's growth while they opened is reported too: it also counts whatever else the process kept meanwhile (after the
/// webhook and issue measurements, about 18 MB of work left over), which is not the circuits'. One circuit is opened first
/// so that start-up costs are not counted.
/// </summary>
public static class CircuitMemory
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Password = "Bench-Password-1";

    public static async Task<BenchResult> MeasureAsync(BenchHost app, int clientId, int circuits, TextWriter log)
    {
        const string name = "circuit_memory_kb";
        if (!File.Exists(ChromiumPath))
        {
            return BenchResult.NotMeasured(name, "KB", 250, false, $"{ChromiumPath} is missing (apt-get install -y chromium)");
        }

        const string email = "bench.client@example.test";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().EnsureUserAsync(email, "Bench Client", Roles.Client, clientId, Password);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await signIn.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(Password);
        await signIn.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await signIn.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal));
        await OpenCircuitAsync(signIn);
        // What each circuit holds grows with the documents the dashboard lists; earlier measurements add some.
        var rows = await signIn.GetByTestId("unpaid-row").CountAsync();

        var before = FullGcHeap();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            var page = await context.NewPageAsync();
            await OpenCircuitAsync(page);
            pages.Add(page);
        }
        var after = FullGcHeap();
        var openedIn = started.Elapsed;
        foreach (var page in pages)
        {
            // Leaving the page sends Blazor's disconnect beacon, as a person closing the tab does.
            await page.GotoAsync("about:blank");
            await page.CloseAsync();
        }
        // A closed tab tells the server, which disposes its circuit; what the heap gives back then is what the circuits held.
        // Anything else the process kept meanwhile (a cache, a queue drained in the background) stays, and is not counted.
        var released = after;
        for (var wait = 0; wait < 20; wait++)
        {
            await Task.Delay(500);
            var now = FullGcHeap();
            if (Math.Abs(now - released) < 64 * 1024 && wait > 2)
            {
                released = now;
                break;
            }
            released = now;
        }
        var perCircuitKb = (after - released) / 1024.0 / circuits;
        log.WriteLine($"  circuits: {circuits} opened in {openedIn.TotalSeconds:0.0} s; heap {before / 1048576.0:0.0} → {after / 1048576.0:0.0} MB open, {released / 1048576.0:0.0} MB once closed");
        return new BenchResult(name, perCircuitKb, "KB", 250, false,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{circuits} circuits of a dashboard listing {rows} unpaid documents: the heap gave back {(after - released) / 1048576.0:0.0} MB when they closed (it grew {(after - before) / 1048576.0:0.0} MB while they opened)"));
    }

    private static long FullGcHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// Opens the dashboard and waits until its router has rendered over the circuit (Routes.razor writes
    /// <c>[data-circuit=live]</c> only then; the head's render can come first) and the dashboard is on screen.
    /// </summary>
    private static async Task OpenCircuitAsync(IPage page)
    {
        await page.GotoAsync("/portal");
        await page.Locator("[data-circuit=live]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.GetByTestId("portal-home").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
    }
}
