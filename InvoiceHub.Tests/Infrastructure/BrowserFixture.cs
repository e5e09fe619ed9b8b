using Microsoft.Playwright;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// One Playwright driver and one headless Debian Chromium for the whole run (PLATFORM.md: never
/// <c>playwright install</c>). Each test opens its own <see cref="BrowserSession"/> (a fresh context:
/// no cookies shared between tests). The browser starts on first use, so skipped tests cost nothing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run",
    ];

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<BrowserSession> NewSessionAsync(Uri baseAddress, string testName)
    {
        var browser = await EnsureStartedAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, testName);
    }

    private async Task<IBrowser> EnsureStartedAsync()
    {
        await _startLock.WaitAsync();
        try
        {
            if (_browser is null)
            {
                if (!Requirements.ChromiumAvailable)
                {
                    throw new InvalidOperationException(Requirements.ChromiumMissing);
                }
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = Requirements.ChromiumPath,
                    Headless = true,
                    Args = ChromiumArgs,
                });
            }
            return _browser;
        }
        finally
        {
            _startLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
