using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Clients;

/// <summary>The staff client page: balance, ledger newest first, documents, and a balance adjustment that needs a reason.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientDetailBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Adjusting_the_balance_needs_a_reason_and_lands_on_top_of_the_ledger()
    {
        var clientId = await Data.CreateClientAsync("Ledger Lina");
        await Data.AdjustBalanceAsync(clientId, "10.00");
        var invoice = await Data.OpenInvoiceAsync(clientId, "30.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Adjusting_the_balance_needs_a_reason_and_lands_on_top_of_the_ledger));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/clients/{clientId}");
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("client-balance")).ToHaveTextAsync("€10.00");
        await Assertions.Expect(page.GetByTestId("client-document")).ToContainTextAsync(invoice.Number!);

        await page.GetByLabel("Amount (EUR, negative to reduce)").FillAsync("25.00");
        await page.GetByTestId("adjust-balance").ClickAsync();
        await Assertions.Expect(page.GetByText("Say why the balance changes.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Reason")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(1000, (await Data.BalanceAsync(clientId)).Minor);

        await page.GetByLabel("Reason").FillAsync("Goodwill after the missed lesson");
        await page.GetByTestId("adjust-balance").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-balance")).ToHaveTextAsync("€35.00");
        await Assertions.Expect(page.GetByTestId("ledger-row").First).ToContainTextAsync("Goodwill after the missed lesson");
        await Assertions.Expect(page.GetByTestId("ledger-row")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("adjusted");
        Assert.Equal(3500, (await Data.BalanceAsync(clientId)).Minor);
    }
}
