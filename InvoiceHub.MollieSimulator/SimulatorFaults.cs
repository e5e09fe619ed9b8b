namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Fault switches, each counting down as it is used: the next N API calls fail with 5xx, are rate limited, or
/// answer slowly; the next N webhooks are duplicated, delayed (so a later one overtakes them) or lost.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private int _serverErrors;
    private int _serverErrorStatus = 503;
    private int _rateLimits;
    private TimeSpan _retryAfter = TimeSpan.FromSeconds(1);
    private int _slowResponses;
    private TimeSpan _slowDelay;
    private int _duplicateWebhooks;
    private int _delayedWebhooks;
    private TimeSpan _webhookDelay;
    private int _lostWebhooks;
    private int _failedRefunds;
    private int _chargebacks;

    /// <summary>Recurring payments fail when they settle, whatever their amount.</summary>
    public bool FailRecurringPayments { get; set; }

    /// <summary>The balance is short: new refunds start <c>queued</c> instead of <c>pending</c>.</summary>
    public bool QueueRefunds { get; set; }

    /// <summary>The next <paramref name="count"/> refunds fail after processing (e.g. the payer's account was closed).</summary>
    public void FailNextRefunds(int count)
    {
        lock (_gate)
        {
            _failedRefunds = count;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> card or direct-debit payments that become paid are charged back
    /// <see cref="SimulatorTimings.ChargebackAfterPaid"/> later, with their webhook.
    /// </summary>
    public void ChargeBackNextPayments(int count)
    {
        lock (_gate)
        {
            _chargebacks = count;
        }
    }

    internal bool TakeRefundFailure() => Take(ref _failedRefunds);

    internal bool TakeChargeback() => Take(ref _chargebacks);

    private bool Take(ref int counter)
    {
        lock (_gate)
        {
            if (counter <= 0)
            {
                return false;
            }
            counter--;
            return true;
        }
    }

    public void FailNextCalls(int count, int status = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 500);
        lock (_gate)
        {
            _serverErrors = count;
            _serverErrorStatus = status;
        }
    }

    public void RateLimitNextCalls(int count, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _rateLimits = count;
            _retryAfter = retryAfter ?? TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>The next calls are processed, then answered only after <paramref name="delay"/>.</summary>
    public void SlowDownNextCalls(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _slowResponses = count;
            _slowDelay = delay;
        }
    }

    public void DuplicateNextWebhooks(int count)
    {
        lock (_gate)
        {
            _duplicateWebhooks = count;
        }
    }

    /// <summary>The next webhooks leave after <paramref name="delay"/>, so later ones arrive first.</summary>
    public void DelayNextWebhooks(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _delayedWebhooks = count;
            _webhookDelay = delay;
        }
    }

    public void LoseNextWebhooks(int count)
    {
        lock (_gate)
        {
            _lostWebhooks = count;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _serverErrors = _rateLimits = _slowResponses = _duplicateWebhooks = _delayedWebhooks = _lostWebhooks = _failedRefunds = _chargebacks = 0;
            _serverErrorStatus = 503;
            FailRecurringPayments = false;
            QueueRefunds = false;
        }
    }

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return new FaultSettings
                {
                    ServerErrors = _serverErrors,
                    ServerErrorStatus = _serverErrorStatus,
                    RateLimits = _rateLimits,
                    RetryAfterSeconds = (int)Math.Ceiling(_retryAfter.TotalSeconds),
                    SlowResponses = _slowResponses,
                    SlowResponseMs = (int)_slowDelay.TotalMilliseconds,
                    DuplicateWebhooks = _duplicateWebhooks,
                    DelayedWebhooks = _delayedWebhooks,
                    WebhookDelayMs = (int)_webhookDelay.TotalMilliseconds,
                    LostWebhooks = _lostWebhooks,
                    FailRecurring = FailRecurringPayments,
                    QueueRefunds = QueueRefunds,
                    FailedRefunds = _failedRefunds,
                    Chargebacks = _chargebacks,
                };
            }
        }
    }

    /// <summary>Applies the switches given in a <c>POST _sim/faults</c> body; absent members leave a switch as it is.</summary>
    public void Apply(FaultSettings settings)
    {
        if (settings.ServerErrors is { } errors)
        {
            FailNextCalls(errors, settings.ServerErrorStatus ?? 503);
        }
        if (settings.RateLimits is { } limits)
        {
            RateLimitNextCalls(limits, TimeSpan.FromSeconds(settings.RetryAfterSeconds ?? 1));
        }
        if (settings.SlowResponses is { } slow)
        {
            SlowDownNextCalls(slow, TimeSpan.FromMilliseconds(settings.SlowResponseMs ?? 5000));
        }
        if (settings.DuplicateWebhooks is { } duplicates)
        {
            DuplicateNextWebhooks(duplicates);
        }
        if (settings.DelayedWebhooks is { } delayed)
        {
            DelayNextWebhooks(delayed, TimeSpan.FromMilliseconds(settings.WebhookDelayMs ?? 2000));
        }
        if (settings.LostWebhooks is { } lost)
        {
            LoseNextWebhooks(lost);
        }
        if (settings.FailRecurring is { } fail)
        {
            FailRecurringPayments = fail;
        }
        if (settings.QueueRefunds is { } queue)
        {
            QueueRefunds = queue;
        }
        if (settings.FailedRefunds is { } failedRefunds)
        {
            FailNextRefunds(failedRefunds);
        }
        if (settings.Chargebacks is { } chargebacks)
        {
            ChargeBackNextPayments(chargebacks);
        }
    }

    internal ApiFault? TakeApiFault()
    {
        lock (_gate)
        {
            if (_serverErrors > 0)
            {
                _serverErrors--;
                return new ApiFault(_serverErrorStatus, null, TimeSpan.Zero);
            }
            if (_rateLimits > 0)
            {
                _rateLimits--;
                return new ApiFault(429, _retryAfter, TimeSpan.Zero);
            }
            if (_slowResponses > 0)
            {
                _slowResponses--;
                return new ApiFault(null, null, _slowDelay);
            }
            return null;
        }
    }

    internal WebhookFault TakeWebhookFault(out TimeSpan delay)
    {
        lock (_gate)
        {
            delay = TimeSpan.Zero;
            if (_lostWebhooks > 0)
            {
                _lostWebhooks--;
                return WebhookFault.Lost;
            }
            if (_delayedWebhooks > 0)
            {
                _delayedWebhooks--;
                delay = _webhookDelay;
                return WebhookFault.Delayed;
            }
            if (_duplicateWebhooks > 0)
            {
                _duplicateWebhooks--;
                return WebhookFault.Duplicated;
            }
            return WebhookFault.None;
        }
    }
}

/// <summary>An answer replaced (Status) or held back (Delay) by a fault switch.</summary>
internal sealed record ApiFault(int? Status, TimeSpan? RetryAfter, TimeSpan Delay);

/// <summary>The JSON of <c>POST/GET {base}/_sim/faults</c>.</summary>
public sealed record FaultSettings
{
    public int? ServerErrors { get; init; }
    public int? ServerErrorStatus { get; init; }
    public int? RateLimits { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public int? SlowResponses { get; init; }
    public int? SlowResponseMs { get; init; }
    public int? DuplicateWebhooks { get; init; }
    public int? DelayedWebhooks { get; init; }
    public int? WebhookDelayMs { get; init; }
    public int? LostWebhooks { get; init; }
    public bool? FailRecurring { get; init; }
    public bool? QueueRefunds { get; init; }
    public int? FailedRefunds { get; init; }
    public int? Chargebacks { get; init; }
}

public enum WebhookFault
{
    None,
    Duplicated,
    Delayed,
    Lost,
}
