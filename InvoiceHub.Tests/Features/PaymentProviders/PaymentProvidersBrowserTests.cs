using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.PaymentProviders;

[Collection(BrowserCollection.Name)]
public sealed class PaymentProvidersBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;
    private const string Key = "test_BrowserKey0123456789abcdQRST";

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Admin_saves_a_mollie_key_that_is_never_shown_again_in_full()
    {
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Admin_saves_a_mollie_key_that_is_never_shown_again_in_full));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/payment-providers");
        await Assertions.Expect(page.GetByTestId("wire-status")).ToContainTextAsync("not offered to clients until its payment details are filled in", new() { Timeout = Patience });

        // Save only once the server holds the typed key (the page says so), so the click cannot overtake it.
        await page.GetByLabel("New API key", new() { Exact = true }).FillAsync(Key);
        await Assertions.Expect(page.GetByTestId("mollie-key-pending")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.GetByTestId("save-mollie").ClickAsync();

        await Assertions.Expect(page.GetByTestId("mollie-key-hint")).ToHaveTextAsync("test_…QRST", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("mollie-key")).ToHaveValueAsync("");
        await session.ReloadInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("mollie-key-hint")).ToHaveTextAsync("test_…QRST", new() { Timeout = Patience });
        Assert.DoesNotContain(Key, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByTestId("test-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mollie-message")).ToContainTextAsync("Connected to Mollie", new() { Timeout = Patience });
        await session.ScreenshotAsync("saved");
        Assert.Equal(Key, await _t.App.Services.GetRequiredService<IMollieKeyProvider>().GetApiKeyAsync(default));
    }

    [RequiresChromiumFact]
    public async Task Finance_cannot_open_payment_providers()
    {
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Finance_cannot_open_payment_providers));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.Page.GotoAsync("/admin/payment-providers");

        await Assertions.Expect(session.Page.GetByTestId("access-denied")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(session.Page.GetByTestId("provider-mollie")).ToHaveCountAsync(0);
        await Assertions.Expect(session.Page.GetByTestId("mollie-key")).ToHaveCountAsync(0);
    }
}
