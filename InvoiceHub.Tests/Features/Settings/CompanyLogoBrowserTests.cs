using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Settings;

/// <summary>Admin ▸ Settings ▸ Company logo in the browser: a wrong type or a too-big file is refused next to the field, a PNG is stored.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompanyLogoBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Admin_uploads_a_logo_after_a_wrong_type_and_a_too_big_file_were_refused()
    {
        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Admin_uploads_a_logo_after_a_wrong_type_and_a_too_big_file_were_refused));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin/settings");
        var page = session.Page;
        var section = page.GetByTestId("company-logo");
        var input = section.GetByLabel("Logo (PNG or JPEG, at most 200 KB)");
        await Assertions.Expect(section.GetByTestId("no-logo")).ToBeVisibleAsync();
        await Assertions.Expect(input).ToBeEnabledAsync();

        await input.SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "<svg>not a png</svg>"u8.ToArray() });
        await Assertions.Expect(section.GetByTestId("field-error")).ToHaveTextAsync("Upload the logo as a PNG or JPEG image.");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        await session.ScreenshotAsync("wrong-type");

        await input.SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = [.. CompanyLogoTests.Png, .. new byte[CompanyLogo.MaxBytes]] });
        await Assertions.Expect(section.GetByTestId("field-error")).ToContainTextAsync("it may be at most 200 KB");
        await Assertions.Expect(section.GetByTestId("no-logo")).ToBeVisibleAsync();
        var settings = App.Services.GetRequiredService<SettingsService>();
        settings.Invalidate();
        Assert.Null(await settings.GetLogoAsync());

        await input.SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = CompanyLogoTests.Png });
        await Assertions.Expect(section.GetByTestId("logo-saved")).ToBeVisibleAsync();
        await Assertions.Expect(section.GetByTestId("field-error")).ToHaveCountAsync(0);
        await Assertions.Expect(section.GetByTestId("logo-preview")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        await session.ScreenshotAsync("logo-saved");
        settings.Invalidate();
        var stored = await settings.GetLogoAsync();
        Assert.Equal(CompanyLogoTests.Png, stored!.Content);

        await session.ReloadInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("logo-preview")).ToBeVisibleAsync();
    }
}
