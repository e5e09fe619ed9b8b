namespace InvoiceHub.MollieSimulator;

/// <summary>How the simulator behaves where Mollie's own timing or network cannot be reproduced in a test.</summary>
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

    /// <summary>Replays of the first answer for a repeated Idempotency-Key last this long (docs.mollie.com/reference/api-idempotency).</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The Development exception to Mollie's webhook rule. Mollie refuses a <c>webhookUrl</c> it cannot reach
    /// (localhost, loopback and private addresses) with 422 "The webhook URL is invalid because it is unreachable from
    /// Mollie's point of view."; the simulator runs next to the app, so by default it lets such URLs through and calls
    /// them, which is how the app mounted in Development (and every test host) receives its webhooks on loopback.
    /// Set to false to get Mollie's refusal, e.g. to check that production settings would be accepted.
    /// </summary>
    public bool AllowLocalWebhookUrls { get; set; } = true;

    /// <summary>
    /// Lifecycle times (expiry, refund steps, fault-switch chargebacks). Null: <see cref="SimulatorTimings.Development"/>
    /// when the host environment is Development, otherwise <see cref="SimulatorTimings.Mollie"/>.
    /// </summary>
    public SimulatorTimings? Timings { get; set; }
}
