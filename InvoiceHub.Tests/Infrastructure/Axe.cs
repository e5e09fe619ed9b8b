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
}
