using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Settings;

/// <summary>The emails' company header from the cached settings and logo, with links on the public base URL.</summary>
public sealed class CompanyLetterhead(SettingsService settings, JobsOptions jobs) : IEmailLetterhead
{
    public async Task<string> HtmlAsync(CancellationToken cancellationToken) =>
        EmailBranding.Header(await settings.GetAsync(cancellationToken), await settings.GetLogoAsync(cancellationToken), PublicBaseUri);

    private Uri PublicBaseUri => new(jobs.PublicBaseUrl.EndsWith('/') ? jobs.PublicBaseUrl : jobs.PublicBaseUrl + "/");

    /// <summary><c>GET /company-logo</c>: the logo for email clients, anonymous (it is on every email), 404 when none is set.</summary>
    public static async Task<IResult> ServeLogoAsync(SettingsService settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return await settings.GetLogoAsync(cancellationToken) is { } logo
            ? Results.File(logo.Content, logo.ContentType)
            : Results.NotFound();
    }
}
