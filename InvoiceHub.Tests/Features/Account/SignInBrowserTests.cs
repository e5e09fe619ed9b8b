using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Account;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Sign_in_as_admin_lands_on_staff_dashboard()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Sign_in_as_admin_lands_on_staff_dashboard));

        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Admin, DemoUsers.Password));

        await AssertOnStaffDashboardAsync(session.Page);
        // Admin-only entries of the sidebar are there for an Admin.
        await Assertions.Expect(session.Page.GetByTestId("staff-nav").GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("staff-dashboard");
    }

    [RequiresChromiumFact]
    public async Task Sign_in_as_finance_lands_on_staff_dashboard()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Sign_in_as_finance_lands_on_staff_dashboard));

        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Finance, DemoUsers.Password));

        await AssertOnStaffDashboardAsync(session.Page);
        await Assertions.Expect(session.Page.GetByTestId("staff-nav").GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("staff-dashboard");
    }

    [RequiresChromiumFact]
    public async Task Sign_in_as_client_lands_on_portal()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Sign_in_as_client_lands_on_portal));

        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);

        Assert.Equal("/portal", new Uri(session.Page.Url).AbsolutePath);
        await Assertions.Expect(session.Page.GetByTestId("portal-home")).ToBeVisibleAsync();
        await Assertions.Expect(session.Page.GetByTestId("staff-nav")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("portal");
    }

    private static async Task AssertOnStaffDashboardAsync(IPage page)
    {
        Assert.Equal("/admin", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Back office" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("staff-home")).ToBeVisibleAsync();
    }
}
