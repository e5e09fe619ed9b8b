namespace InvoiceHub.MollieSimulator;

/// <summary>How the simulator behaves where Mollie's own timing cannot be reproduced in a test.</summary>
public sealed class MollieSimulatorOptions
{
    /// <summary>
    /// How long a recurring (direct debit) payment stays pending before it settles and its webhook is sent.
    /// Null: it stays pending until a test settles it (<see cref="MollieSimulatorState.SettleRecurringPaymentAsync"/>
    /// or <c>POST _sim/payments/{id}/status</c>).
    /// </summary>
    public TimeSpan? RecurringSettleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Recurring payments whose amount value ends with this text fail when they settle (bank reason AM04).</summary>
    public string RecurringFailureAmountSuffix { get; set; } = ".13";

    /// <summary>Waits between webhook attempts after a failed one (Mollie waits 1, 2, 4, … minutes; shorter here).</summary>
    public IList<TimeSpan> WebhookRetryDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    /// <summary>A webhook answer slower than this counts as failed, as at Mollie.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Replays of the first answer for a repeated Idempotency-Key last this long.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(1);
}
