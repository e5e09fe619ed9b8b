using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Takes the two README screenshots from the demo data (test-artifacts/screenshots/Readme-*.png; copy them to
/// docs/screenshots/ to refresh the README) and checks the README shows the ones in docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Readme_shows_the_client_and_staff_dashboards_as_the_browser_sees_them()
    {
        await using (var staff = await Browser.NewSessionAsync(App.BaseAddress, "Readme"))
        {
            await staff.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
            await staff.GotoInteractiveAsync("/admin");
            await Assertions.Expect(staff.Page.GetByText("Receivables aging")).ToBeVisibleAsync();
            await staff.ScreenshotAsync("staff-dashboard");
        }
        await using (var client = await Browser.NewSessionAsync(App.BaseAddress, "Readme"))
        {
            await client.SignInAsync(DemoUsers.Client, DemoUsers.Password);
            await client.GotoInteractiveAsync("/portal");
            await Assertions.Expect(client.Page.GetByText("Unpaid Invoices & Credit Requests")).ToBeVisibleAsync();
            await Assertions.Expect(client.Page.GetByTestId("pay-now").First).ToHaveTextAsync("Pay Now");
            await client.ScreenshotAsync("client-dashboard");
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var name in new[] { "client-dashboard", "staff-dashboard" })
        {
            Assert.Contains($"(docs/screenshots/{name}.png)", readme, StringComparison.Ordinal);
            foreach (var file in new[] { Path.Combine(RepositoryRoot.Path, "docs", "screenshots", $"{name}.png"), Path.Combine(RepositoryRoot.Path, "test-artifacts", "screenshots", $"Readme-{name}.png") })
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), $"{file} is not a PNG");
                Assert.InRange(bytes.Length, 20_000, 2_000_000);
            }
        }
    }
}
