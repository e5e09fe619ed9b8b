namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>Settings of the Mollie client, bound from the <c>Mollie</c> configuration section.</summary>
public sealed class MollieOptions
{
    public const string Section = "Mollie";

    /// <summary>Mollie's v2 API, or the simulator's <c>…/mollie-simulator/v2/</c> in Development and tests.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.mollie.com/v2/");

    /// <summary>A <c>test_</c> or <c>live_</c> key; read by the default key provider only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Time allowed for one attempt; a slower answer counts as a failed attempt and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for 5xx, 429, network errors and timeouts.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential back-off (with jitter) between attempts.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound on any wait between attempts, including one asked for by Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
