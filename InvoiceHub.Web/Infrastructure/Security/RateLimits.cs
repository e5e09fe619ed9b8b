using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>Requests per minute and client address on the public doors; bound from <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in form posts (on top of Identity's lockout per account).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Payment-link pages: makes guessing tokens (already 256 bits) pointless on top of infeasible.</summary>
    public int PaymentLinkPerMinute { get; set; } = 60;

    /// <summary>Mollie's webhook calls come from few addresses in bursts; generous but bounded.</summary>
    public int WebhookPerMinute { get; set; } = 3000;
}

public static class RateLimits
{
    public static IServiceCollection AddInvoiceHubRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Door(context.Request) switch
                {
                    "sign-in" => PerMinute("sign-in", context, options.SignInPerMinute),
                    "payment-link" => PerMinute("payment-link", context, options.PaymentLinkPerMinute),
                    "webhook" => PerMinute("webhook", context, options.WebhookPerMinute),
                    _ => RateLimitPartition.GetNoLimiter("unlimited"),
                });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = "60";
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync("Too many requests from your address. Wait a minute and try again.", cancellationToken);
            };
        });
        return services;
    }

    private static string? Door(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) ? "sign-in"
        : request.Path.StartsWithSegments("/pay") ? "payment-link"
        : HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/v1/webhooks") ? "webhook"
        : null;

    private static RateLimitPartition<string> PerMinute(string door, HttpContext context, int permits)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return RateLimitPartition.GetFixedWindowLimiter($"{door}:{address}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public static string Describe(RateLimitOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"sign-in {o.SignInPerMinute}/min, payment links {o.PaymentLinkPerMinute}/min, webhook {o.WebhookPerMinute}/min");
}
