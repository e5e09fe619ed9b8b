using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>
/// The retry and timeout pipeline for Mollie calls, built once. Retries 5xx, 429 (waiting Retry-After when
/// given), network errors and per-attempt timeouts; never other 4xx. POSTs are safe to retry because each
/// attempt repeats the same Idempotency-Key.
/// </summary>
public sealed class MollieResilience
{
    public MollieResilience(IOptions<MollieOptions> options, ILogger<MollieResilience> logger)
    {
        var settings = options.Value;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, settings.MaxRetryDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Mollie attempt {Attempt} failed ({Outcome}); retrying in {Delay} ms",
                        args.AttemptNumber + 1,
                        args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        (int)args.RetryDelay.TotalMilliseconds);
                    // The failed answer is replaced by the next attempt's; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    internal static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }
        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } value)
        {
            return null;
        }
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }
}
