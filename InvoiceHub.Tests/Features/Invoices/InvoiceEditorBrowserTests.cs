using System.Text.RegularExpressions;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>Creating a draft with live totals, editing it on its page, and issuing it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InvoiceEditorBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Staff_create_a_draft_with_live_totals_and_issue_it()
    {
        var clientId = await Data.CreateClientAsync("Editor Eva");
        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Staff_create_a_draft_with_live_totals_and_issue_it));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        var page = session.Page;
        await page.GotoAsync("/admin/invoices");
        await Assertions.Expect(page.GetByTestId("new-invoice")).ToHaveAttributeAsync("href", "/admin/invoices/new");

        await session.GotoInteractiveAsync($"/admin/invoices/new?clientId={clientId}");
        await Assertions.Expect(page.GetByLabel("Client")).ToHaveValueAsync(clientId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Each step waits for the server's recalculation, as a person's typing would.
        var lineTotal = page.GetByTestId("line-total").First;
        await page.GetByLabel("Unit price 1 (EUR)").FillAsync("10.01");
        await Assertions.Expect(lineTotal).ToHaveTextAsync("€10.01");
        await page.GetByLabel("Quantity 1").FillAsync("1.5");
        await Assertions.Expect(lineTotal).ToHaveTextAsync("€15.02");
        await page.GetByLabel("Tax % 1").FillAsync("21");
        await Assertions.Expect(lineTotal).ToHaveTextAsync("€18.17");
        await page.GetByLabel("Description 1").FillAsync("Maths lesson — 1.5 h");
        // 1.5 × 10.01 = 15.015 → 15.02; 21% of 15.02 = 3.1542 → 3.15; both half away from zero, per line.
        await Assertions.Expect(page.GetByTestId("line-total").First).ToHaveTextAsync("€18.17");
        await Assertions.Expect(page.GetByTestId("draft-editor").GetByTestId("totals-tax")).ToHaveTextAsync("€3.15");

        await page.GetByTestId("add-line").ClickAsync();
        await page.GetByLabel("Quantity 2").FillAsync("x");
        await page.GetByTestId("save-draft").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Quantity 2")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Description 2")).ToHaveAttributeAsync("aria-invalid", "true");
        await session.ScreenshotAsync("refused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove line 2" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("draft-line")).ToHaveCountAsync(1);

        await session.SaveAndLandAsync(page.GetByTestId("save-draft"), new Regex(@"/admin/invoices/\d+$"));
        await Assertions.Expect(page.GetByTestId("invoice-title")).ToHaveTextAsync("Draft invoice");
        await Assertions.Expect(page.GetByTestId("invoice-summary").GetByTestId("totals-total")).ToHaveTextAsync("€18.17");
        var id = int.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await session.ScreenshotAsync("draft");

        // The page became interactive after the navigation: the editor edits the saved draft.
        await page.GetByLabel("Quantity 1").FillAsync("2");
        await Assertions.Expect(page.GetByTestId("draft-editor").GetByTestId("totals-total")).ToHaveTextAsync("€24.22");
        await page.GetByTestId("issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByTestId("invoice-title")).ToHaveTextAsync(new Regex(@"^INV-\d{4}-\d{5}$"));
        await Assertions.Expect(page.GetByTestId("totals-still-to-pay")).ToHaveTextAsync("€24.22");
        await session.ScreenshotAsync("issued");

        var stored = await Data.InvoiceAsync(id);
        Assert.Equal(InvoiceStatus.Open, stored.Status);
        Assert.Equal(2422, stored.Total.Minor);
        Assert.Equal(2m, Assert.Single(stored.Lines).Quantity);
    }
}
