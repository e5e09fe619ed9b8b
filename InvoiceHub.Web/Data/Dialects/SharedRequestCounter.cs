namespace InvoiceHub.Web.Data.Dialects;

/// <summary>
/// Requests per door and client address in fixed one-minute windows, counted in the shared database with one upsert
/// per request (the <c>RateLimitCounters</c> table; docs/decisions/0022).
/// </summary>
public abstract class SharedRequestCounter
{
    /// <summary>Counts one request under <paramref name="key"/> in <paramref name="window"/> and returns the window's count so far.</summary>
    public abstract Task<int> CountAsync(string key, long window, CancellationToken cancellationToken);

    /// <summary>Forgets windows older than <paramref name="before"/> (addresses that stopped calling).</summary>
    public abstract Task<int> ForgetAsync(long before, CancellationToken cancellationToken);
}
