using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules run against the page as it stands. Every finding is a failure: the message
/// lists each rule, its impact and the first elements it names, and the full result is kept in
/// <c>test-artifacts/axe/{name}.json</c> (docs/ACCESSIBILITY.md).
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(IPage page, string name)
    {
        await HeadSettledAsync(page);
        var result = await page.RunAxe(Wcag21AA);
        var folder = Path.Combine(RepositoryRoot.Path, "test-artifacts", "axe");
        Directory.CreateDirectory(folder);
        var summary = new
        {
            page = name,
            url = page.Url,
            passes = result.Passes.Length,
            violations = result.Violations.Select(v => new
            {
                v.Id, v.Impact, v.Help,
                targets = v.Nodes.Select(n => n.Target?.ToString()).ToArray(),
            }),
        };
        await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Assert.True(result.Violations.Length == 0, $"{name} ({page.Url}) breaks WCAG 2.1 AA: " + string.Join(" | ",
            result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>
    /// While a circuit starts, HeadOutlet (a root component of its own) replaces the prerendered head and the
    /// page has no &lt;title&gt; for a moment. Every page sets one, so this waits for it; a page that never does
    /// still fails, on axe's document-title rule.
    /// </summary>
    private static async Task HeadSettledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.title.trim().length > 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
        }
    }

    /// <summary>
    /// Signs in as <paramref name="email"/>, switches the theme with the app bar's button if it is not
    /// <paramref name="dark"/> already (the choice is remembered per person), opens <paramref name="path"/> and checks it.
    /// </summary>
    public static async Task AssertSignedInPageAsync(BrowserFixture browser, Uri baseAddress, string email, string path, bool dark, string name)
    {
        await using var session = await browser.NewSessionAsync(baseAddress, $"axe-{name}");
        await session.WaitForInteractivityAsync(() => session.SignInAsync(email, DemoUsers.Password));
        await session.SetThemeAsync(dark);
        await session.GotoInteractiveAsync(path);
        await AssertNoViolationsAsync(session.Page, $"{name}-{(dark ? "dark" : "light")}");
    }
}
