using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Clients;

/// <summary>Staff create and edit clients on their own screens; an email another client has is refused next to the field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientEditBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Finance_creates_a_client_refused_for_a_taken_email_then_edits_it()
    {
        await Data.CreateClientAsync("Taken Tara", "tara.taken@example.test");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_creates_a_client_refused_for_a_taken_email_then_edits_it));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/clients");
        await session.WaitForInteractivityAsync(() => session.Page.GetByTestId("new-client").ClickAsync());
        var page = session.Page;
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/clients/new$"));

        await page.GetByTestId("save-client").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the client's name.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nina New");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("TARA.taken@example.test");
        await page.GetByLabel("Address").FillAsync("1 Canal Street\nAmsterdam");
        await page.GetByTestId("save-client").ClickAsync();
        await Assertions.Expect(page.GetByText("Taken Tara already uses")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await session.ScreenshotAsync("duplicate-email");

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("nina.new@example.test");
        await session.SaveAndLandAsync(page.GetByTestId("save-client"), new System.Text.RegularExpressions.Regex(@"/admin/clients/\d+$"));
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync("Nina New");
        await Assertions.Expect(page.GetByTestId("client-billing")).ToContainTextAsync("1 Canal Street");

        await session.WaitForInteractivityAsync(() => page.GetByTestId("edit-client").ClickAsync());
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Nina New");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nina Renamed");
        await session.SaveAndLandAsync(page.GetByTestId("save-client"), new System.Text.RegularExpressions.Regex(@"/admin/clients/\d+$"));
        await Assertions.Expect(page.GetByTestId("client-name")).ToHaveTextAsync("Nina Renamed");

        await using var db = App.CreateDbContext();
        var saved = await db.Clients.AsNoTracking().SingleAsync(c => c.Email == "nina.new@example.test");
        Assert.Equal("Nina Renamed", saved.Name);
        Assert.Equal(1, await db.Clients.CountAsync(c => c.Email.ToLower() == "tara.taken@example.test"));
    }
}
