using System.Globalization;
using System.Net;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Integrations.Email;

/// <summary>The header every HTML email starts with: the company logo (served from <see cref="LogoPath"/>) and details from Settings.</summary>
public static class EmailBranding
{
    public const string LogoPath = "company-logo";

    /// <param name="publicBaseUri">Where the logo is served; needed only with a logo.</param>
    public static string Header(SettingsSnapshot company, CompanyLogoImage? logo, Uri? publicBaseUri)
    {
        ArgumentNullException.ThrowIfNull(company);
        if (logo is not null)
        {
            ArgumentNullException.ThrowIfNull(publicBaseUri);
        }
        var name = WebUtility.HtmlEncode(company.CompanyName);
        var details = string.Join(" · ", new[]
            {
                string.Join(", ", company.CompanyAddress.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
                company.CompanyVatNumber.Length > 0 ? string.Format(CultureInfo.CurrentCulture, EmailText.HeaderVat, company.CompanyVatNumber) : "",
                company.CompanyEmail,
            }.Where(d => d.Length > 0).Select(WebUtility.HtmlEncode));
        // The version in the address makes mail clients fetch a replaced logo instead of a cached one.
        var image = logo is null
            ? ""
            : $"<img src=\"{WebUtility.HtmlEncode(new Uri(publicBaseUri!, $"{LogoPath}?v={Version(logo)}").ToString())}\" alt=\"{name}\" style=\"display:block;max-height:48px;max-width:180px;margin-bottom:4px\">";
        return $"<div data-email-header style=\"border-bottom:1px solid #ddd;padding-bottom:8px;margin-bottom:16px\">{image}<strong>{name}</strong>"
               + (details.Length > 0 ? $"<br><span style=\"color:#666;font-size:12px\">{details}</span>" : "") + "</div>";
    }

    public static string Version(CompanyLogoImage logo)
    {
        ArgumentNullException.ThrowIfNull(logo);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(logo.Content).AsSpan(0, 6)).ToLowerInvariant();
    }
}
