using Microsoft.Extensions.Logging;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Calls webhook URLs the way Mollie does: POST form <c>id=tr_…</c>, <c>User-Agent: Mollie HTTP client/1.0</c>,
/// anything but 2xx within the timeout is a failure and is retried later. Fault switches may duplicate,
/// delay or drop a call.
/// </summary>
internal sealed class WebhookDispatcher(
    IHttpClientFactory httpClients,
    MollieSimulatorOptions options,
    SimulatorFaults faults,
    WebhookLog log,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "InvoiceHub.MollieSimulator.Webhooks";
    private long _sequence;

    /// <summary>Completes once the first (not delayed) call has been answered; later retries run in the background.</summary>
    public async Task NotifyAsync(string paymentId, string status, string? url, CancellationToken stopping)
    {
        if (string.IsNullOrEmpty(url))
        {
            return;
        }
        var call = new Call(Interlocked.Increment(ref _sequence), paymentId, status, url);
        var fault = faults.TakeWebhookFault(out var delay);
        switch (fault)
        {
            case WebhookFault.Lost:
                log.Add(new WebhookDelivery(call.Sequence, paymentId, status, url, 0, fault, time.GetUtcNow(), null, "Dropped by the lost-webhook fault switch."));
                return;
            case WebhookFault.Delayed:
                _ = Task.Run(async () =>
                {
                    await Task.Delay(delay, time, stopping);
                    await DeliverAsync(call, fault, stopping);
                }, stopping);
                return;
            case WebhookFault.Duplicated:
                await DeliverAsync(call, fault, stopping);
                await DeliverAsync(call, fault, stopping);
                return;
            default:
                await DeliverAsync(call, fault, stopping);
                return;
        }
    }

    private async Task DeliverAsync(Call call, WebhookFault fault, CancellationToken stopping)
    {
        if (await TryOnceAsync(call, 1, fault, stopping))
        {
            return;
        }
        _ = Task.Run(() => RetryAsync(call, fault, stopping), stopping);
    }

    private async Task RetryAsync(Call call, WebhookFault fault, CancellationToken stopping)
    {
        var attempt = 1;
        foreach (var wait in options.WebhookRetryDelays)
        {
            await Task.Delay(wait, time, stopping);
            if (await TryOnceAsync(call, ++attempt, fault, stopping))
            {
                return;
            }
        }
    }

    private async Task<bool> TryOnceAsync(Call call, int attempt, WebhookFault fault, CancellationToken stopping)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(options.WebhookTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, call.Url)
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("id", call.PaymentId)]),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", "Mollie HTTP client/1.0");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            error = $"No answer within {options.WebhookTimeout.TotalSeconds:0} s.";
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        var delivery = new WebhookDelivery(call.Sequence, call.PaymentId, call.Status, call.Url, attempt, fault, time.GetUtcNow(), status, error);
        log.Add(delivery);
        if (!delivery.Delivered)
        {
            logger.LogInformation("Webhook for {PaymentId} to {Url} failed (attempt {Attempt}): {Status} {Error}", call.PaymentId, call.Url, attempt, status, error);
        }
        return delivery.Delivered;
    }

    private sealed record Call(long Sequence, string PaymentId, string Status, string Url);
}

/// <summary>Every webhook call the simulator made, in the order made; tests wait on it.</summary>
internal sealed class WebhookLog
{
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<WebhookDelivery> Snapshot()
    {
        lock (_gate)
        {
            return _deliveries.ToArray();
        }
    }

    public void Add(WebhookDelivery delivery)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _deliveries.Add(delivery);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> WaitAsync(Func<IReadOnlyList<WebhookDelivery>, bool> condition, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            IReadOnlyList<WebhookDelivery> snapshot;
            lock (_gate)
            {
                snapshot = _deliveries.ToArray();
                changed = _changed.Task;
            }
            if (condition(snapshot))
            {
                return snapshot;
            }
            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Webhook log did not reach the expected state within {timeout}; it holds {snapshot.Count} deliveries.");
            }
        }
    }
}
