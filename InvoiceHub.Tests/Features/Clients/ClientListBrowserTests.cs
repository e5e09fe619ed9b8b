using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Clients;

/// <summary>The staff lists are reachable from the sidebar and filter through their forms.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffListBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Finance_filters_open_invoices_and_searches_clients()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Finance_filters_open_invoices_and_searches_clients));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);

        await Assertions.Expect(session.Page.GetByTestId("staff-nav").GetByRole(AriaRole.Link, new() { Name = "Invoices" })).ToHaveAttributeAsync("href", "/admin/invoices");
        await session.GotoInteractiveAsync("/admin/invoices");
        await Assertions.Expect(session.Page.GetByTestId("invoice-table")).ToBeVisibleAsync();
        await session.Page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await session.Page.GetByRole(AriaRole.Option, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(session.Page.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("Open");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Open"));
        // The invoice grid's rows (MudDataGrid draws the rows; they carry a class, not a test id).
        var invoiceRows = session.Page.GetByTestId("invoice-table").Locator("tbody tr.ih-invoice-row");
        // The filtered grid replaces the unfiltered one: wait until only Open rows are drawn.
        var statusChips = invoiceRows.GetByTestId("invoice-status");
        await Assertions.Expect(statusChips.Filter(new() { HasNotText = "Open" })).ToHaveCountAsync(0);
        await Assertions.Expect(statusChips.First).ToHaveTextAsync("Open");
        var statuses = await statusChips.AllInnerTextsAsync();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal("Open", s.Trim()));
        await session.ScreenshotAsync("open-invoices");

        await session.GotoInteractiveAsync("/admin/clients");
        await session.Page.GetByLabel("Search").FillAsync("cleo");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=cleo"));
        // The client grid's rows (MudDataGrid draws the rows; they carry a class, not a test id).
        var clientRows = session.Page.GetByTestId("client-table").Locator("tbody tr.ih-client-row");
        await Assertions.Expect(clientRows.Filter(new() { HasText = "Cleo Client" })).ToHaveCountAsync(1);
        // Cleo may be on the unfiltered first page too: wait until the searched rows have replaced it.
        await Assertions.Expect(clientRows.Filter(new() { HasNotText = "cleo" })).ToHaveCountAsync(0);
        var rows = await clientRows.AllInnerTextsAsync();
        Assert.All(rows, r => Assert.Contains("cleo", r, StringComparison.OrdinalIgnoreCase));
    }
}
