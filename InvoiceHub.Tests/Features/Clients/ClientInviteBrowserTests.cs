using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Clients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Clients;

/// <summary>Send invite on the client page, the email in the in-app mailbox, and its one-time link that sets the password and opens the portal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientInviteBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Client_sets_a_password_through_the_mailed_invite_link_and_lands_on_the_portal()
    {
        var email = $"ines-{Guid.NewGuid():N}@example.test";
        var clientId = await Data.CreateClientAsync("Invite Ines", email);

        await using var staff = await Browser.NewSessionAsync(App.BaseAddress, nameof(Client_sets_a_password_through_the_mailed_invite_link_and_lands_on_the_portal));
        await staff.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await staff.GotoInteractiveAsync($"/admin/clients/{clientId}");
        var access = staff.Page.GetByTestId("portal-access");
        await Assertions.Expect(access.GetByTestId("portal-access-state")).ToHaveTextAsync("No portal account yet.");
        await access.GetByTestId("send-invite").ClickAsync();
        await Assertions.Expect(access.GetByTestId("invite-message")).ToHaveTextAsync($"Invite queued: {email} receives a link to set their password.");
        await Assertions.Expect(access.GetByTestId("portal-access-state")).ToHaveTextAsync($"Invited as {email}; no password set yet.");

        await staff.Page.GotoAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
        await Assertions.Expect(staff.Page.GetByTestId("mailbox-list")).ToContainTextAsync("client portal");
        var link = staff.Page.FrameLocator("[data-testid=mail-body]").GetByRole(AriaRole.Link, new() { Name = "Set your password" });
        var href = await link.GetAttributeAsync("href") ?? "";
        Assert.Contains("/account/set-password?user=", href, StringComparison.Ordinal);
        await staff.ScreenshotAsync("invite-in-mailbox");

        await using var client = await Browser.NewSessionAsync(App.BaseAddress, nameof(Client_sets_a_password_through_the_mailed_invite_link_and_lands_on_the_portal) + "-client");
        var page = client.Page;
        await page.GotoAsync(href);
        await Assertions.Expect(page.GetByTestId("set-password-email")).ToHaveTextAsync(email);
        await page.GetByLabel("New password").FillAsync("short");
        await page.GetByLabel("Repeat the password").FillAsync("short");
        await page.GetByTestId("set-password").ClickAsync();
        await Assertions.Expect(page.Locator("#password ~ [data-testid=field-error]")).ToContainTextAsync("at least 10 characters");
        Assert.False(await HasPasswordAsync(email));

        await page.GetByLabel("New password").FillAsync("Portal!2026pass");
        await page.GetByLabel("Repeat the password").FillAsync("Portal!2026pass");
        await page.GetByTestId("set-password").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/portal$"));
        await Assertions.Expect(page.GetByText("Unpaid Invoices & Credit Requests")).ToBeVisibleAsync();
        await client.ScreenshotAsync("portal-after-invite");
        Assert.True(await HasPasswordAsync(email));

        // One-time: the same link does not work twice.
        await page.GotoAsync(href);
        await Assertions.Expect(page.GetByTestId("set-password-link-error")).ToContainTextAsync("expired or was already used");
        await staff.GotoInteractiveAsync($"/admin/clients/{clientId}");
        await Assertions.Expect(staff.Page.GetByTestId("portal-access-state")).ToHaveTextAsync($"Signs in as {email}.");
    }

    [Fact]
    public void Invite_tokens_expire_after_three_days()
    {
        var options = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions>>().Value;
        Assert.Equal(ClientInvites.TokenLifespan, options.TokenLifespan);
        Assert.Equal(TimeSpan.FromDays(3), options.TokenLifespan);
    }

    private async Task<bool> HasPasswordAsync(string email)
    {
        await using var db = App.CreateDbContext();
        return await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => u.PasswordHash != null).SingleAsync();
    }
}
