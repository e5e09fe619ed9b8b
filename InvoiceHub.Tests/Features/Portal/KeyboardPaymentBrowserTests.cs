using System.Text.RegularExpressions;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Portal;

/// <summary>
/// A client who uses only the keyboard signs in, reaches Pay Now of one invoice in the Unpaid Invoices &amp; Credit
/// Requests panel with Tab and Shift+Tab, pays at the simulator's checkout and finds the invoice paid. No click: every
/// step is a key press, and each control shows where the focus is (WCAG 2.1.1, 2.4.7).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardPaymentBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Two cores shared with builds and the other test classes: a page may take longer than Playwright's 5 s default.
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task A_client_signs_in_and_pays_an_invoice_from_the_unpaid_panel_with_the_keyboard_only()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(6_600, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_client_signs_in_and_pays_an_invoice_from_the_unpaid_panel_with_the_keyboard_only));
        var page = session.Page;

        // Sign in: Tab to each field, type, Enter submits the form.
        await page.GotoAsync("/account/login");
        await TabUntilFocusedAsync(page, "#email");
        await AssertFocusVisibleAsync(page, "#email");
        await page.Keyboard.TypeAsync(DemoUsers.Client);
        await TabUntilFocusedAsync(page, "#password");
        await page.Keyboard.TypeAsync(DemoUsers.Password);
        await session.WaitForInteractivityAsync(async () =>
        {
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(PortalHome(), new() { Timeout = 45_000 });
        });

        // The panel's Pay Now of this invoice: forward with Tab, one step past it and back with Shift+Tab.
        var payNow = $"[data-testid='unpaid-row'][data-number='{number}'] [data-testid='pay-now']";
        await Assertions.Expect(page.Locator(payNow)).ToBeVisibleAsync(new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, payNow, max: 200);
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await IsFocusedAsync(page, payNow));
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.True(await IsFocusedAsync(page, payNow), "Shift+Tab did not bring the focus back to Pay Now.");
        await AssertFocusVisibleAsync(page, payNow);
        await session.ScreenshotAsync("pay-now-focused");
        await page.Keyboard.PressAsync("Enter");

        // The invoice's Pay online: choose card with Enter on its option, then Pay Now.
        await page.WaitForURLAsync($"**/portal/invoices/{invoiceId}#pay", new() { Timeout = Patience });
        var card = page.GetByTestId("method-creditcard");
        await Assertions.Expect(card).ToBeEnabledAsync(new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid='method-creditcard']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(card).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid='pay-now']");
        await AssertFocusVisibleAsync(page, "[data-testid='pay-now']");
        await page.Keyboard.PressAsync("Enter");

        // The simulator's checkout: Tab into the outcomes, Space chooses Paid, Tab to Continue, Enter.
        await page.WaitForURLAsync(url => url.StartsWith(_t.Simulator.BaseAddress.ToString(), StringComparison.Ordinal), new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("checkout-description")).ToHaveTextAsync(number, new() { Timeout = Patience });
        await TabUntilFocusedAsync(page, "[data-testid='outcome-paid']");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByTestId("outcome-paid")).ToBeCheckedAsync();
        await TabUntilFocusedAsync(page, "[data-testid='checkout-continue']");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/payments/*/return", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-outcome")).ToContainTextAsync($"{number} is paid");

        // Back in the portal: gone from the unpaid panel, and the invoice itself says Paid.
        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-panel")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{number}']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await session.GotoInteractiveAsync($"/portal/invoices/{invoiceId}");
        await Assertions.Expect(page.GetByTestId("document-status")).ToHaveTextAsync(nameof(InvoiceStatus.Paid), new() { Timeout = Patience });
        await session.ScreenshotAsync("paid");
    }

    /// <summary>Presses <paramref name="key"/> until the element matching <paramref name="selector"/> has the focus.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, string selector, string key = "Tab", int max = 60)
    {
        for (var presses = 0; presses < max; presses++)
        {
            if (await IsFocusedAsync(page, selector))
            {
                return;
            }
            await page.Keyboard.PressAsync(key);
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new InvalidOperationException($"{max} × {key} never reached {selector} on {page.Url}; the focus is on {focused}.");
    }

    private static Task<bool> IsFocusedAsync(IPage page, string selector) =>
        page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector);

    /// <summary>The focused element draws a focus indicator: an outline of at least 2 px (app.css), not just its resting look.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page, string selector)
    {
        var style = await page.EvaluateAsync<FocusStyle>(
            "s => { const c = getComputedStyle(document.querySelector(s)); return { outlineStyle: c.outlineStyle, outlineWidth: parseFloat(c.outlineWidth) || 0, boxShadow: c.boxShadow }; }",
            selector);
        Assert.True(style.OutlineStyle != "none" && style.OutlineWidth >= 2,
            $"{selector} shows no focus outline when focused (outline {style.OutlineStyle} {style.OutlineWidth}px, box-shadow {style.BoxShadow}).");
    }

    private static Regex PortalHome() => PortalHomeRegex();

    [GeneratedRegex("/portal$")]
    private static partial Regex PortalHomeRegex();

    private sealed class FocusStyle
    {
        public string OutlineStyle { get; set; } = "";

        public double OutlineWidth { get; set; }

        public string BoxShadow { get; set; } = "";
    }
}
