namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Mollie's Idempotency-Key rules: the same key and request within the window replays the first answer with
/// <c>Idempotent-Replayed: true</c>; the same key with another request is a 400; a repeat while the first is
/// still being processed is a 409.
/// </summary>
internal sealed class IdempotencyStore(TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public SimResponse? Begin(string key, string fingerprint)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && now - entry.At < window)
            {
                if (entry.Fingerprint != fingerprint)
                {
                    return SimResponse.Problem(400, "The Idempotency-Key was already used for a request with other parameters or another endpoint.");
                }
                if (entry.Response is null)
                {
                    return SimResponse.Problem(409, "A request with this Idempotency-Key is still being processed.");
                }
                var headers = new Dictionary<string, string>(entry.Response.Headers ?? new Dictionary<string, string>()) { ["Idempotent-Replayed"] = "true" };
                return entry.Response with { Headers = headers };
            }
            _entries[key] = new Entry(fingerprint, now, null);
            return null;
        }
    }

    public void Complete(string key, SimResponse response)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with { Response = response };
            }
        }
    }

    public void Abandon(string key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(string Fingerprint, DateTimeOffset At, SimResponse? Response);
}
