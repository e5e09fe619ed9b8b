using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Settings;

[Collection(BrowserCollection.Name)]
public sealed class SettingsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Admin_switches_online_invoice_payment_and_it_persists()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Admin_switches_online_invoice_payment_and_it_persists));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/settings");
        var onlinePayment = session.Page.GetByLabel("Online Invoice Payment", new PageGetByLabelOptions { Exact = true });
        await Assertions.Expect(onlinePayment).ToHaveAttributeAsync("data-testid", "setting-online-invoice-payment");
        var wanted = !await onlinePayment.IsCheckedAsync();

        await onlinePayment.SetCheckedAsync(wanted);
        await session.Page.GetByTestId("save-settings").ClickAsync();

        await AssertSavedAsync(session);
        await session.ScreenshotAsync("saved");
        await session.ReloadInteractiveAsync();
        await Assertions.Expect(session.Page.GetByLabel("Online Invoice Payment", new PageGetByLabelOptions { Exact = true }))
            .ToBeCheckedAsync(new LocatorAssertionsToBeCheckedOptions { Checked = wanted });
        await session.ScreenshotAsync("reloaded");

        await using var db = _app.CreateDbContext();
        var row = await db.Settings.AsNoTracking().SingleAsync();
        Assert.Equal(wanted, row.OnlineInvoicePayment);
        Assert.Equal(1, row.Version);
        var service = _app.Services.GetRequiredService<SettingsService>();
        service.Invalidate();
        Assert.Equal(wanted, (await service.GetAsync()).OnlineInvoicePayment);
    }

    /// <summary>Waits for "Saved."; if the form marks fields invalid instead, fails with the fields and their messages.</summary>
    private static async Task AssertSavedAsync(BrowserSession session)
    {
        var saved = session.Page.GetByTestId("settings-saved");
        // Blazor's inputs carry aria-invalid while a validation message stands against them.
        var invalid = session.Page.Locator("[aria-invalid='true']");
        await Assertions.Expect(saved.Or(invalid).First).ToBeVisibleAsync();
        var fields = await invalid.EvaluateAllAsync<string[]>(
            "els => els.map(e => (e.labels?.[0]?.innerText ?? e.id) + ': ' + (e.parentElement?.querySelector('.validation-message, .text-danger')?.innerText ?? 'invalid'))");
        if (fields.Length > 0)
        {
            await session.ScreenshotAsync("refused");
        }
        Assert.True(fields.Length == 0, "Save was refused by validation: " + string.Join(" | ", fields));
        await Assertions.Expect(saved).ToHaveTextAsync("Saved.");
    }
}
