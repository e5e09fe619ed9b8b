namespace InvoiceHub.MollieSimulator;

/// <summary>
/// How long the simulator's lifecycles take. <see cref="Mollie"/> keeps the times Mollie documents (MOLLIE.md §2, §6,
/// docs.mollie.com/payments/refunds); <see cref="Development"/> runs the same lifecycles in minutes, so a developer
/// clicking through the app sees payments expire and refunds complete. All times run on the injected TimeProvider.
/// </summary>
public sealed record SimulatorTimings
{
    /// <summary>Mollie's documented times: iDEAL 15 min, card 30 min, PayPal 72 h, bank transfer 12 days; refunds after ~2 h.</summary>
    public static SimulatorTimings Mollie { get; } = new();

    /// <summary>Everything within minutes: no open payment lives longer than 5 min, each refund step takes 1 min.</summary>
    public static SimulatorTimings Development { get; } = new()
    {
        ExpiryCap = TimeSpan.FromMinutes(5),
        RefundQueued = TimeSpan.FromMinutes(1),
        RefundPending = TimeSpan.FromMinutes(1),
        RefundProcessing = TimeSpan.FromMinutes(1),
        ChargebackAfterPaid = TimeSpan.FromMinutes(1),
    };

    /// <summary>Caps each method's documented expiry; null keeps Mollie's.</summary>
    public TimeSpan? ExpiryCap { get; init; }

    /// <summary>Expiry of a payment whose method the payer has not chosen yet (unconfirmed at Mollie; 15 min as for iDEAL).</summary>
    public TimeSpan DefaultExpiry { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refund waits in <c>queued</c> (insufficient balance) before it becomes <c>pending</c>.</summary>
    public TimeSpan RefundQueued { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Mollie: "Refunds will be executed with a delay of two hours" (cancel-refund reference page).</summary>
    public TimeSpan RefundPending { get; init; } = TimeSpan.FromHours(2);

    /// <summary>From <c>processing</c> to <c>refunded</c> (or <c>failed</c>); Mollie publishes no figure.</summary>
    public TimeSpan RefundProcessing { get; init; } = TimeSpan.FromHours(24);

    /// <summary>When the chargeback fault switch is on, how long after being paid a payment is charged back.</summary>
    public TimeSpan ChargebackAfterPaid { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How often the simulator looks for due lifecycle steps.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    internal TimeSpan ExpiryOf(PaymentMethod? method)
    {
        var documented = method?.Expiry ?? DefaultExpiry;
        return ExpiryCap is { } cap && cap < documented ? cap : documented;
    }
}
