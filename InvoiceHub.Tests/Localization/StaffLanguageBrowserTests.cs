using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// A staff member chooses their language with the switcher in the app bar: the back office reads it at once, and it is
/// remembered with their account, so a new browser shows it after sign-in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffLanguageBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task A_staff_member_s_language_is_theirs_in_any_browser()
    {
        await using (var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_staff_member_s_language_is_theirs_in_any_browser)))
        {
            var page = session.Page;
            await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
            await session.GotoInteractiveAsync("/admin");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByTestId("staff-home")).ToHaveTextAsync("Dashboard");

            // The switcher posts a form: the page comes back in the chosen language, and connects its circuit again.
            await page.GetByTestId("language-es").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            await session.WaitForInteractivityAsync(() => Task.CompletedTask);
            await Assertions.Expect(page.GetByTestId("staff-home")).ToHaveTextAsync("Panel");
            await Assertions.Expect(page.GetByTestId("language-es")).ToHaveAttributeAsync("aria-pressed", "true");
            var nav = page.GetByTestId("staff-nav");
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Facturas", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Solicitudes de crédito", Exact = true })).ToBeVisibleAsync();

            await session.GotoInteractiveAsync("/admin/invoices");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Facturas");
            await Assertions.Expect(page.GetByTestId("new-invoice")).ToHaveTextAsync("Nueva factura");
            await Assertions.Expect(page.GetByTestId("invoice-table").GetByRole(AriaRole.Columnheader, new() { Name = "Pendiente de pago" })).ToBeVisibleAsync();
            // MudBlazor's own texts (the grid's pager) follow too (MudTextLocalizer).
            await Assertions.Expect(page.GetByTestId("invoice-table").GetByRole(AriaRole.Button, new() { Name = "Página siguiente" })).ToBeVisibleAsync();
            await session.ScreenshotAsync("invoices-es");
        }

        await using (var again = await Browser.NewSessionAsync(App.BaseAddress, nameof(A_staff_member_s_language_is_theirs_in_any_browser) + "-again"))
        {
            var page = again.Page;
            await again.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
            await again.GotoInteractiveAsync("/admin/payments");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagos");

            await page.GetByTestId("language-nl").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Betalingen");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/payments$"));
        }
    }
}
