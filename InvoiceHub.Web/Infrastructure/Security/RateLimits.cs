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

    /// <summary>
    /// Count in the shared database where there is one (PostgreSQL, SQL Server), so a limit holds for all nodes together
    /// (docs/decisions/0022); false: each node counts its own requests (then divide the limits by the number of nodes).
    /// SQLite always counts in the process: it has one node.
    /// </summary>
    public bool Shared { get; set; } = true;

    /// <summary>The limit of a door named by <see cref="RateLimits"/>.</summary>
    public int PerMinute(string door) => door switch
    {
        RateLimits.SignIn => SignInPerMinute,
        RateLimits.PaymentLink => PaymentLinkPerMinute,
        _ => WebhookPerMinute,
    };
}

public static class RateLimits
{
    public const string SignIn = "sign-in", PaymentLink = "payment-link", Webhook = "webhook";

    public static IServiceCollection AddInvoiceHubRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Door(context.Request) is { } door ? PerMinute(door, context, options.PerMinute(door)) : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.OnRejected = async (rejected, cancellationToken) => await RejectAsync(rejected.HttpContext.Response, cancellationToken);
        });
        services.AddSingleton(sp => new SharedRateLimits(
            options.Shared ? sp.GetRequiredService<Data.Dialects.DatabaseDialect>().CreateRequestCounter(
                Data.DatabaseRegistration.ResolveConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>())) : null,
            options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SharedRateLimits>>()));
        return services;
    }

    /// <summary>The limits in the request pipeline: counted in the shared database where there is one, else in the process.</summary>
    public static WebApplication UseInvoiceHubRateLimits(this WebApplication app)
    {
        var shared = app.Services.GetRequiredService<SharedRateLimits>();
        if (shared.IsShared)
        {
            app.Use(shared.InvokeAsync);
        }
        else
        {
            app.UseRateLimiter();
        }
        return app;
    }

    /// <summary>The public door a request comes through, or null where no limit applies.</summary>
    public static string? Door(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase) ? SignIn
        : request.Path.StartsWithSegments("/pay") ? PaymentLink
        : HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/v1/webhooks") ? Webhook
        : null;

    /// <summary>The client's address: the connection's, or the reverse proxy's X-Forwarded-For once UseForwardedHeaders trusted it.</summary>
    public static IPAddress AddressOf(HttpContext context) => context.Connection.RemoteIpAddress ?? IPAddress.None;

    public static async Task RejectAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many requests from your address. Wait a minute and try again.", cancellationToken);
    }

    private static RateLimitPartition<string> PerMinute(string door, HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter($"{door}:{AddressOf(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    public static string Describe(RateLimitOptions o) =>
        string.Create(CultureInfo.InvariantCulture, $"sign-in {o.SignInPerMinute}/min, payment links {o.PaymentLinkPerMinute}/min, webhook {o.WebhookPerMinute}/min");
}
