using InvoiceHub.Web.Infrastructure;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Settings;

/// <summary>The emails' company header from the cached settings and logo, with links on the public base URL.</summary>
public sealed class CompanyLetterhead(SettingsService settings, AppAddress address) : IEmailLetterhead
{
    public async Task<string> HtmlAsync(CancellationToken cancellationToken)
    {
        var logo = await settings.GetLogoAsync(cancellationToken);
        // Only a logo needs the public address (the image is linked, not attached), so an email without one never
        // fails for want of PaymentLinks:PublicBaseUrl outside Development.
        return EmailBranding.Header(await settings.GetAsync(cancellationToken), logo, logo is null ? null : address.PublicBaseUri);
    }

    /// <summary><c>GET /company-logo</c>: the logo for email clients, anonymous (it is on every email), 404 when none is set.</summary>
    public static async Task<IResult> ServeLogoAsync(SettingsService settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return await settings.GetLogoAsync(cancellationToken) is { } logo
            ? Results.File(logo.Content, logo.ContentType)
            : Results.NotFound();
    }
}
