using InvoiceHub.Tests.Infrastructure;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// A staff-screen browser test: its own demo-seeded InvoiceHub on a loopback port, <see cref="ScreenData"/> to
/// arrange documents through the real handlers, and the shared Chromium. Subclasses keep the Browser collection.
/// </summary>
public abstract class StaffScreenTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    protected InvoiceHubFactory App { get; private set; } = null!;

    protected ScreenData Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });
        Data = new ScreenData(App);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
