using System.Text.RegularExpressions;
using InvoiceHub.Domain;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// The staff invoice and credit request lists keep their filters, search and sort in the address: choosing them
/// updates the address, and opening that address shows the same list again. At phone width they do not scroll sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentListBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    private const int PhoneWidth = 390;

    [RequiresChromiumFact]
    public async Task Invoice_filters_and_sort_go_into_the_address_and_the_address_restores_them()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var clientId = await Data.CreateClientAsync("Sorted Sam");
        var small = await Data.OpenInvoiceAsync(clientId, "25.00");
        var large = await Data.OpenInvoiceAsync(clientId, "60.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Invoice_filters_and_sort_go_into_the_address_and_the_address_restores_them));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/invoices");
        var page = session.Page;
        var links = page.GetByTestId("invoice-table").Locator("tbody tr.ih-invoice-row").GetByTestId("invoice-link");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Sorted Sam");
        await page.GetByLabel("Status", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("Open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"q=Sorted(%20|\+)Sam"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=Open"));
        await Assertions.Expect(links).ToHaveTextAsync([small.Number!, large.Number!]);

        var total = SortHeader(page, "invoice-table", "Total");
        await total.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=total"));
        await total.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=-total"));
        await Assertions.Expect(links).ToHaveTextAsync([large.Number!, small.Number!]);
        var address = page.Url;

        await session.GotoInteractiveAsync(address);
        await Assertions.Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("Sorted Sam");
        await Assertions.Expect(page.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("Open");
        await Assertions.Expect(links).ToHaveTextAsync([large.Number!, small.Number!]);
        Assert.Equal(address, page.Url);
        var export = await page.GetByTestId("export-csv").GetAttributeAsync("href") ?? "";
        Assert.Contains("sort=-total", export, StringComparison.Ordinal);
        Assert.Contains("status=Open", export, StringComparison.Ordinal);
        await session.ScreenshotAsync("restored");
        await AssertLoadedListIsAccessibleAsync(session, address, links, "invoice-list-loaded");

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("status=|q="));
        await Assertions.Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("");
    }

    [RequiresChromiumFact]
    public async Task Credit_request_search_and_sort_go_into_the_address_and_the_address_restores_them()
    {
        var clientId = await Data.CreateClientAsync("Amount Alma");
        var small = await CreateRequestAsync(clientId, "40.00");
        var large = await CreateRequestAsync(clientId, "90.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Credit_request_search_and_sort_go_into_the_address_and_the_address_restores_them));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/credit-requests");
        var page = session.Page;
        var links = page.GetByTestId("credit-request-table").Locator("tbody tr.ih-credit-request-row").GetByTestId("credit-request-link");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Amount Alma");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"q=Amount(%20|\+)Alma"));
        await Assertions.Expect(links).ToHaveCountAsync(2);

        var amount = SortHeader(page, "credit-request-table", "Amount");
        await amount.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=amount"));
        await Assertions.Expect(links).ToHaveTextAsync([$"CR-{small}", $"CR-{large}"]);
        await amount.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=-amount"));
        await Assertions.Expect(links).ToHaveTextAsync([$"CR-{large}", $"CR-{small}"]);
        var address = page.Url;

        await session.GotoInteractiveAsync(address);
        await Assertions.Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("Amount Alma");
        await Assertions.Expect(links).ToHaveTextAsync([$"CR-{large}", $"CR-{small}"]);
        Assert.Equal(address, page.Url);
        await AssertLoadedListIsAccessibleAsync(session, address, links, "credit-request-list-loaded");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("nobody is called this");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var empty = page.GetByTestId("credit-requests-empty");
        await Assertions.Expect(empty).ToContainTextAsync("No credit requests match these filters.");
        await Assertions.Expect(empty.Locator("a[href='/admin/credit-requests/new']")).ToContainTextAsync("New credit request", new() { IgnoreCase = true });
    }

    [RequiresChromiumFact]
    public async Task On_a_phone_the_lists_show_number_client_due_date_and_amount_without_sideways_scrolling()
    {
        var clientId = await Data.CreateClientAsync("Phone Philippa");
        await Data.OpenInvoiceAsync(clientId, "25.00");
        await CreateRequestAsync(clientId, "40.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(On_a_phone_the_lists_show_number_client_due_date_and_amount_without_sideways_scrolling));
        await session.Page.SetViewportSizeAsync(PhoneWidth, 844);
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        var page = session.Page;

        foreach (var (path, table, row, link) in new[]
                 {
                     ("/admin/invoices?q=Phone%20Philippa", "invoice-table", "ih-invoice-row", "invoice-link"),
                     ("/admin/credit-requests?q=Phone%20Philippa", "credit-request-table", "ih-credit-request-row", "credit-request-link"),
                 })
        {
            await session.GotoInteractiveAsync(path);
            var first = page.GetByTestId(table).Locator($"tbody tr.{row}").First;
            await Assertions.Expect(first.GetByTestId(link)).ToBeVisibleAsync();
            await AssertWithinWidthAsync(first.GetByTestId(link), $"{table} number");
            await AssertWithinWidthAsync(first.GetByRole(AriaRole.Link, new() { Name = "Phone Philippa" }), $"{table} client");
            await AssertWithinWidthAsync(first.Locator("td").Filter(new() { HasText = "€" }).Last, $"{table} amount");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= PhoneWidth, $"{path} is {width}px wide at a {PhoneWidth}px viewport: it scrolls sideways.");
            await session.ScreenshotAsync(table);
        }
    }

    /// <summary>
    /// axe-core on the list with its rows drawn (chips, links, the sorted header, the pager), in the light theme and
    /// then the dark one; DocumentsAccessibilityTests checks the lists as they first open.
    /// </summary>
    private static async Task AssertLoadedListIsAccessibleAsync(BrowserSession session, string address, ILocator links, string name)
    {
        foreach (var dark in new[] { false, true })
        {
            await session.SetThemeAsync(dark);
            await session.GotoInteractiveAsync(address);
            await Assertions.Expect(links.First).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(session.Page, $"{name}-{(dark ? "dark" : "light")}");
        }
        // Switching the theme reloads the page: the test goes on once the list is interactive again.
        await session.SetThemeAsync(false);
        await session.GotoInteractiveAsync(address);
    }

    /// <summary>The clickable title of a sortable column of a data grid.</summary>
    private static ILocator SortHeader(IPage page, string table, string title) =>
        page.GetByTestId(table).Locator("thead th").Filter(new() { HasText = title }).Locator(".sortable-column-header");

    private static async Task AssertWithinWidthAsync(ILocator element, string what)
    {
        await Assertions.Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"{what} lies outside 0…{PhoneWidth}px: x={box.X}, width={box.Width}.");
    }

    private async Task<int> CreateRequestAsync(int clientId, string amount)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateCreditRequest>()
            .HandleAsync(new CreateCreditRequestCommand(clientId, Money.Parse(amount, Currency.EUR), "Top-up"));
        return created.Id;
    }
}
