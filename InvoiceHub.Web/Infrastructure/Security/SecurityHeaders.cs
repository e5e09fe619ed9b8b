namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>
/// Response headers that keep pages from being framed, sniffed or leaking payment-link tokens in referrers,
/// and a content security policy that allows only our own scripts. Styles allow inline attributes and elements because
/// MudBlazor sets them (its theme is a &lt;style&gt; element); there are no inline scripts (App.razor has no import map for that reason).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https://www.mollie.com; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "frame-src 'self'; " +
        "frame-ancestors 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Same-origin only: a payment link's token never reaches Mollie or anyone else in a Referer.
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Replaces the frame-ancestors 'self' that Blazor's interactive endpoints set: ours says 'none'.
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
