using InvoiceHub.MollieSimulator.Model;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// What moves by itself at Mollie, on the injected clock: open payments expire (with their webhook), pending direct
/// debits settle or fail, refunds go queued → pending → processing → refunded or failed, and payments armed by the
/// chargeback fault switch are charged back. A timer sweeps every <see cref="SimulatorTimings.SweepInterval"/>; a test
/// that moves its clock can also call <see cref="RunDueLifecyclesAsync"/> (or <c>POST _sim/clock/run</c>) to run what is due now.
/// </summary>
public sealed partial class MollieSimulatorState
{
    // One lifecycle pass at a time: the timer's and a test's, so no step (and no webhook) runs twice.
    private readonly SemaphoreSlim _lifecycleGate = new(1, 1);
    private ITimer? _sweeper;

    private void StartSweeping() =>
        _sweeper = _time.CreateTimer(_ => _ = SweepAsync(), null, _timings.SweepInterval, _timings.SweepInterval);

    private async Task SweepAsync()
    {
        try
        {
            if (_stopping.IsCancellationRequested || !await _lifecycleGate.WaitAsync(0))
            {
                return;
            }
            try
            {
                await RunDueStepsAsync();
            }
            finally
            {
                _lifecycleGate.Release();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogWarning(ex, "A simulator lifecycle step failed; it is tried again on the next sweep");
        }
    }

    /// <summary>Runs every lifecycle step due by the simulator's clock and returns how many ran.</summary>
    public async Task<int> RunDueLifecyclesAsync()
    {
        await _lifecycleGate.WaitAsync(_stopping.Token);
        try
        {
            return await RunDueStepsAsync();
        }
        finally
        {
            _lifecycleGate.Release();
        }
    }

    private async Task<int> RunDueStepsAsync()
    {
        var now = Now;
        List<string> expiring = [], settling = [], chargingBack = [];
        List<(string RefundId, string Next)> refundSteps;
        lock (_gate)
        {
            // One pass under the lock: a sweep runs every second while webhooks and API calls wait for the same lock.
            foreach (var payment in _paymentsInOrder)
            {
                if (payment.Status == PaymentStatus.Open && payment.ExpiresAt <= now)
                {
                    expiring.Add(payment.Id);
                }
                else if (payment.Status == PaymentStatus.Pending && payment.SettlesAt <= now)
                {
                    settling.Add(payment.Id);
                }
                if (payment.ChargebackDueAt <= now)
                {
                    chargingBack.Add(payment.Id);
                    payment.ChargebackDueAt = null;
                }
            }
            refundSteps = _refundsInOrder.Where(r => r.NextStepAt <= now).Select(r => (r.Id, NextRefundStatus(r))).ToList();
        }
        foreach (var id in expiring)
        {
            await ChangeStatusAsync(id, PaymentStatus.Expired);
        }
        foreach (var id in settling)
        {
            await SettleRecurringPaymentAsync(id);
        }
        foreach (var (refundId, next) in refundSteps)
        {
            await SetRefundStatusAsync(refundId, next);
        }
        foreach (var id in chargingBack)
        {
            await ChargeBackAsync(id);
        }
        return expiring.Count + settling.Count + refundSteps.Count + chargingBack.Count;
    }

    private static string NextRefundStatus(SimRefund refund) => refund.Status switch
    {
        "queued" => "pending",
        "pending" => "processing",
        _ => refund.WillFail ? "failed" : "refunded",
    };

    /// <summary>When a refund that just reached <paramref name="status"/> moves on by itself; null once final.</summary>
    private DateTimeOffset? NextRefundStepAt(string status, DateTimeOffset now) => status switch
    {
        "queued" => now + _timings.RefundQueued,
        "pending" => now + _timings.RefundPending,
        "processing" => now + _timings.RefundProcessing,
        _ => null,
    };
}
