using System.Globalization;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.PaymentLinks;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Infrastructure.Localization;

/// <summary>
/// Which language a request reads, first that applies:
/// <list type="number">
/// <item>a payment link (<c>/pay/{token}</c>): its client's language, whoever opens it;</item>
/// <item>the language cookie: written at sign-in from the person's language (a client's, or a staff member's own), and
/// by the language switcher; a Blazor circuit reads it when it connects;</item>
/// <item>the browser's Accept-Language, among the languages InvoiceHub speaks;</item>
/// <item>English.</item>
/// </list>
/// Dates, numbers and money follow the language's culture (<see cref="Language.Culture"/>).
/// </summary>
public static class LanguageSelection
{
    /// <summary>The cookie that carries a person's language (ASP.NET Core's culture cookie, so its format is the standard one).</summary>
    public static readonly string CookieName = CookieRequestCultureProvider.DefaultCookieName;

    public static IApplicationBuilder UseInvoiceHubLanguages(this IApplicationBuilder app)
    {
        var cultures = Languages.All.Select(l => l.CultureInfo).ToList();
        return app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Languages.Default.CultureInfo);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new PaymentLinkLanguage(),
                new CustomRequestCultureProvider(c => Task.FromResult(ResultOf(Languages.Find(CookieLanguage(c.Request))))),
                new CustomRequestCultureProvider(c => Task.FromResult(ResultOf(FromAcceptLanguage(c.Request)))),
            ];
        });
    }

    /// <summary>Remembers <paramref name="language"/> in this browser for a year.</summary>
    public static void WriteCookie(HttpResponse response, Language language)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(language);
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
        });
    }

    private static string? CookieLanguage(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && CookieRequestCultureProvider.ParseCookieValue(value) is { } parsed
            ? parsed.UICultures.FirstOrDefault().Value
            : null;

    /// <summary>The first language of the header, by quality, that InvoiceHub speaks ("es-MX" reads Spanish).</summary>
    public static Language? FromAcceptLanguage(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().AcceptLanguage
            .Where(v => v.Quality is not 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => Languages.Find(v.Value.Value))
            .FirstOrDefault(l => l is not null);
    }

    private static ProviderCultureResult? ResultOf(Language? language) => language is null ? null : new ProviderCultureResult(language.Culture);

    /// <summary>A payment link reads in its client's language; the cookie follows so that the page's circuit does too.</summary>
    private sealed class PaymentLinkLanguage : RequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var path = httpContext.Request.Path.Value;
            if (path is null || !path.StartsWith(PaymentLinks.PathPrefix, StringComparison.Ordinal) || !HttpMethods.IsGet(httpContext.Request.Method))
            {
                return null;
            }
            var links = httpContext.RequestServices.GetRequiredService<PaymentLinks>();
            var link = await links.ResolveAsync(path[PaymentLinks.PathPrefix.Length..], httpContext.RequestAborted);
            if (link.ClientId is not { } clientId)
            {
                return null;
            }
            var dbFactory = httpContext.RequestServices.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync(httpContext.RequestAborted);
            var code = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Language).SingleOrDefaultAsync(httpContext.RequestAborted);
            var language = Languages.Of(code);
            if (CookieLanguage(httpContext.Request) != language.Culture)
            {
                WriteCookie(httpContext.Response, language);
            }
            return ResultOf(language);
        }
    }
}
