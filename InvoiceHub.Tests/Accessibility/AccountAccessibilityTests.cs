using System.Text;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// The account pages and the two refusals pass axe-core's WCAG 2.1 A and AA rules: sign in (empty, with its messages,
/// refused), set password (a valid link, its messages, a dead link), not found and access denied. Nobody is signed in
/// on the first two, so they are light; not found and access denied follow the signed-in person's theme, light and dark.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountAccessibilityTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;

    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() =>
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Sign_in_page_has_no_violations_empty_with_its_messages_and_refused()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, "axe-account-sign-in");
        var page = session.Page;
        await page.GotoAsync("/account/login");
        await Axe.AssertNoViolationsAsync(page, "account-sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#email ~ .validation-message")).ToHaveTextAsync("Enter your email address.", new() { Timeout = Patience });
        await Assertions.Expect(page.Locator("#password ~ .validation-message")).ToHaveTextAsync("Enter your password.");
        await Assertions.Expect(page.Locator("#email")).ToHaveAttributeAsync("aria-describedby", "email-error");
        await Axe.AssertNoViolationsAsync(page, "account-sign-in-messages");

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(DemoUsers.Client);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        var refusal = page.GetByTestId("sign-in-error");
        await Assertions.Expect(refusal).ToContainTextAsync("The email or password is not right.", new() { Timeout = Patience });
        await Assertions.Expect(refusal).ToHaveAttributeAsync("role", "alert");
        await session.ScreenshotAsync("refused");
        await Axe.AssertNoViolationsAsync(page, "account-sign-in-refused");
    }

    [RequiresChromiumFact]
    public async Task Set_password_page_has_no_violations_with_a_valid_link_its_messages_and_a_dead_link()
    {
        var (userId, token) = await ResetTokenAsync(DemoUsers.Client);
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, "axe-account-set-password");
        var page = session.Page;
        await page.GotoAsync($"/account/set-password?user={Uri.EscapeDataString(userId)}&token={token}");
        await Assertions.Expect(page.GetByTestId("set-password-email")).ToHaveTextAsync(DemoUsers.Client);
        await Axe.AssertNoViolationsAsync(page, "account-set-password");

        await page.GetByLabel("New password").FillAsync("Portal!2026pass");
        await page.GetByLabel("Repeat the password").FillAsync("Another!2026pass");
        await page.GetByTestId("set-password").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm ~ .validation-message")).ToHaveTextAsync("The two passwords are not the same.", new() { Timeout = Patience });
        await session.ScreenshotAsync("messages");
        await Axe.AssertNoViolationsAsync(page, "account-set-password-messages");

        await page.GotoAsync($"/account/set-password?user={Uri.EscapeDataString(userId)}&token=bm90LWEtdG9rZW4");
        await Assertions.Expect(page.GetByTestId("set-password-link-error")).ToContainTextAsync("expired or was already used");
        await Axe.AssertNoViolationsAsync(page, "account-set-password-dead-link");
    }

    [RequiresChromiumFact]
    public async Task Not_found_page_has_no_violations_for_a_visitor()
    {
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, "axe-not-found");
        await session.GotoInteractiveAsync("/no-such-page");
        await Assertions.Expect(session.Page.GetByTestId("not-found")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Go to my home page" })).ToHaveAttributeAsync("href", "/");
        await Axe.AssertNoViolationsAsync(session.Page, "not-found-visitor");
    }

    [RequiresChromiumTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Not_found_and_access_denied_have_no_violations_for_a_signed_in_client(bool dark)
    {
        var theme = dark ? "dark" : "light";
        await using var session = await browser.NewSessionAsync(_app.BaseAddress, $"axe-refusals-{theme}");
        var page = session.Page;
        await session.WaitForInteractivityAsync(() => session.SignInAsync(DemoUsers.Client, DemoUsers.Password));
        await session.SetThemeAsync(dark);

        await page.GotoAsync("/portal/no-such-page");
        await Assertions.Expect(page.GetByTestId("not-found")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Axe.AssertNoViolationsAsync(page, $"not-found-client-{theme}");

        // A client opening a staff page is refused there and then, with the way home.
        await page.GotoAsync("/admin/clients");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/access-denied"), new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to my home page" })).ToHaveAttributeAsync("href", "/");
        await session.ScreenshotAsync("access-denied");
        await Axe.AssertNoViolationsAsync(page, $"access-denied-{theme}");
    }

    /// <summary>The user's id and a password-reset token as the invite email's link carries it (Base64Url, ClientInvites).</summary>
    private async Task<(string UserId, string Token)> ResetTokenAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return (user.Id, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
    }
}
