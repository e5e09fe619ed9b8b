using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>One test's browser context and page, with the InvoiceHub-specific steps: sign in, wait for the circuit, screenshot.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _testName;
    private readonly List<string> _policyViolations = [];

    public BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        _testName = testName;
        Page = page;
        // Chromium reports everything the content security policy blocked on the console; a blocked script or
        // style is a broken page even when the test's own assertions happen to pass.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_policyViolations)
                {
                    _policyViolations.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Opens a page that renders interactively and returns once its circuit has rendered (see <see cref="WaitForInteractivityAsync"/>).</summary>
    public Task GotoInteractiveAsync(string path) => WaitForInteractivityAsync(() => Page.GotoAsync(path));

    public Task ReloadInteractiveAsync() => WaitForInteractivityAsync(() => Page.ReloadAsync());

    /// <summary>
    /// Runs <paramref name="navigation"/> (a full page load) and waits until Blazor is interactive on the new page.
    /// The prerendered HTML looks finished long before event handlers exist, and the circuit's first render
    /// can be the head's (HeadOutlet is a root component of its own), so the signal is the router's marker
    /// <c>[data-circuit=live]</c> (Routes.razor), which only the interactive render writes. <c>window.Blazor</c>
    /// is checked first, so a missing script fails fast and clearly.
    /// </summary>
    public async Task WaitForInteractivityAsync(Func<Task> navigation)
    {
        await navigation();
        try
        {
            await Page.WaitForFunctionAsync("() => typeof window.Blazor === 'object'", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            await Page.Locator("[data-circuit=live]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync("not-interactive");
            throw new TimeoutException($"{Page.Url} did not become interactive (the router never rendered over the circuit).", e);
        }
    }

    /// <summary>Signs in through the real form, as a person would, and waits for the landing page's address.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        // On a busy two-core machine the landing page's first load (a dashboard with charts) can take longer than one
        // default timeout, so signing in gets its own patience; a refusal still fails at once with the form's message.
        var landed = Page.WaitForURLAsync(
            url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = SignInPatienceMs });
        var refused = Page.GetByTestId("sign-in-error").WaitForAsync(new LocatorWaitForOptions { Timeout = SignInPatienceMs });
        await Task.WhenAny(landed, refused);
        if (refused.IsCompletedSuccessfully && !landed.IsCompleted)
        {
            await ScreenshotAsync("sign-in-refused");
            throw new InvalidOperationException($"Signing in as {email} was refused: {await Page.GetByTestId("sign-in-error").InnerTextAsync()}");
        }
        try
        {
            await landed;
            // The landing page's document, not every subresource: a stylesheet or font that a loaded machine serves late
            // holds back the load event without changing what the caller waits for next (interactivity or a locator).
            await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new PageWaitForLoadStateOptions { Timeout = SignInPatienceMs });
        }
        catch (TimeoutException e)
        {
            await ScreenshotAsync("sign-in-stuck");
            var body = await Page.Locator("body").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 2_000 });
            throw new TimeoutException($"Signing in as {email} did not leave {Page.Url}; the page says: {body[..Math.Min(body.Length, 300)]}", e);
        }
    }

    private const float SignInPatienceMs = 45_000;

    /// <summary>
    /// At the simulator's hosted checkout under <paramref name="checkoutPrefix"/> (screenshot <c>no-checkout</c> when the
    /// payer never gets there): checks the payment's description, when given, chooses Paid and continues back to InvoiceHub.
    /// </summary>
    public async Task PayAtSimulatorCheckoutAsync(string checkoutPrefix, string? description, float timeoutMs)
    {
        try
        {
            await Page.WaitForURLAsync(url => url.StartsWith(checkoutPrefix, StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = timeoutMs });
        }
        catch (TimeoutException)
        {
            await ScreenshotAsync("no-checkout");
            throw;
        }
        if (description is not null)
        {
            await Assertions.Expect(Page.GetByTestId("checkout-description")).ToHaveTextAsync(description, new() { Timeout = timeoutMs });
        }
        await Page.GetByTestId("outcome-paid").CheckAsync();
        await Page.GetByTestId("checkout-continue").ClickAsync();
    }

    /// <summary>
    /// Clicks <paramref name="save"/>, whose success navigates to an address matching <paramref name="landing"/>.
    /// When the page answers with a message next to a field instead, fails with that message (screenshot <c>refused</c>)
    /// rather than with a bare navigation timeout. Patient: a save on a busy two-core CI machine can take seconds.
    /// </summary>
    public async Task SaveAndLandAsync(ILocator save, Regex landing)
    {
        await save.ClickAsync();
        var landed = Page.WaitForURLAsync(landing, new PageWaitForURLOptions { Timeout = 30_000 });
        var refused = Page.GetByTestId("field-error").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        if (await Task.WhenAny(landed, refused) == refused && refused.IsCompletedSuccessfully && !landed.IsCompleted)
        {
            await ScreenshotAsync("refused");
            throw new InvalidOperationException($"The save was refused: {await Page.GetByTestId("field-error").First.InnerTextAsync()}");
        }
        await landed;
    }

    /// <summary>Switches to the dark or light theme with the app bar's button, unless the page is in it already.</summary>
    public async Task SetThemeAsync(bool dark)
    {
        var toggle = Page.GetByTestId("theme-toggle");
        var wanted = dark ? "true" : "false";
        if (await toggle.GetAttributeAsync("aria-pressed") != wanted)
        {
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", wanted);
        }
    }

    /// <summary>Saves <c>test-artifacts/screenshots/{test}-{step}.png</c> at the repository root (git-ignored).</summary>
    public async Task ScreenshotAsync(string step)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "test-artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{Safe(_testName)}-{Safe(step)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    private static string Safe(string text) => Regex.Replace(text, "[^A-Za-z0-9_.-]+", "-");

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        lock (_policyViolations)
        {
            Assert.True(_policyViolations.Count == 0, "The content security policy blocked: " + string.Join(" | ", _policyViolations));
        }
    }
}
