using Microsoft.AspNetCore.Mvc;

namespace InvoiceHub.Web.Infrastructure.Localization;

/// <summary>The language switcher's target: remembers the choice in the browser and, for a signed-in person, with them.</summary>
public static class LanguageEndpoints
{
    public const string Path = "/language";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpContext http, [FromForm(Name = "language")] string? code, [FromForm(Name = "returnUrl")] string? returnUrl,
            LanguagePreferences preferences) =>
        {
            var back = IsLocal(returnUrl) ? returnUrl! : "/";
            if (Languages.Find(code) is not { } language)
            {
                return Results.LocalRedirect(back);
            }
            LanguageSelection.WriteCookie(http.Response, language);
            await preferences.SetAsync(http.User, language, http.RequestAborted);
            return Results.LocalRedirect(back);
        }).WithName("SwitchLanguage").ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Only an address on this site: "/portal", never "//elsewhere" or "https://…".</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
