using System.Globalization;
using InvoiceHub.Web.Data.Dialects;

namespace InvoiceHub.Web.Infrastructure.Security;

/// <summary>
/// The public doors' limits counted in the database every node shares (docs/decisions/0022): a fixed one-minute window
/// per door and client address, one upsert per request at a door, so two nodes let through what the configuration
/// says and not twice as much. If the database cannot count, the request goes through (and is logged): it would fail at
/// the database anyway, and a webhook refused for that reason would be one Mollie has to retry.
/// </summary>
public sealed class SharedRateLimits(SharedRequestCounter? counter, RateLimitOptions options, TimeProvider clock, ILogger<SharedRateLimits> logger)
{
    private static readonly TimeSpan ForgetEvery = TimeSpan.FromMinutes(10);
    private long _nextForget;

    /// <summary>Whether the limits are counted in the database (else in this process).</summary>
    public bool IsShared => counter is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (counter is not null && RateLimits.Door(context.Request) is { } door)
        {
            var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
            var key = string.Create(CultureInfo.InvariantCulture, $"{door}:{RateLimits.AddressOf(context)}");
            int count;
            try
            {
                count = await counter.CountAsync(key, minute, context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not count a request at the {Door} door; letting it through", door);
                count = 0;
            }
            ForgetOldWindows(minute);
            if (count > Math.Max(1, options.PerMinute(door)))
            {
                await RateLimits.RejectAsync(context.Response, context.RequestAborted);
                return;
            }
        }
        await next(context);
    }

    /// <summary>Now and then, one request removes the rows of addresses that stopped calling.</summary>
    private void ForgetOldWindows(long minute)
    {
        var due = Interlocked.Read(ref _nextForget);
        if (minute < due || Interlocked.CompareExchange(ref _nextForget, minute + (long)ForgetEvery.TotalMinutes, due) != due)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await counter!.ForgetAsync(minute - 1, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Could not remove old rate-limit windows");
            }
        });
    }
}
