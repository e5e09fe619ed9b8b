using System.Diagnostics;
using System.Net.Http.Json;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>Fault switches of the simulator, seen through the real client and a real webhook receiver.</summary>
public sealed class MollieSimulatorFaultTests : SimulatorTestBase
{
    protected override IDictionary<string, string?> ClientSettings => new Dictionary<string, string?> { ["Mollie:Timeout"] = "00:00:00.500" };

    protected override void ConfigureSimulator(MollieSimulatorOptions options)
    {
        base.ConfigureSimulator(options);
        options.WebhookRetryDelays.Clear();
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(50));
        options.WebhookRetryDelays.Add(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Unreachable_webhook_is_retried_and_every_attempt_is_logged()
    {
        var payment = await Client.CreatePaymentAsync(new CreatePaymentRequest
        {
            Amount = MollieAmount.Eur(5m),
            Description = "Invoice",
            RedirectUrl = "https://invoicehub.example/",
            WebhookUrl = "http://127.0.0.1:1/webhooks/mollie",
            Method = "ideal",
        });

        await SubmitCheckoutAsync(payment, "paid");

        var log = await Simulator.State.WaitForWebhooksAsync(l => l.Count == 3);
        Assert.Equal([1, 2, 3], log.Select(d => d.Attempt));
        Assert.All(log, d => Assert.False(d.Delivered));
        Assert.All(log, d => Assert.NotNull(d.Error));
        Assert.Equal(MolliePaymentStatus.Paid, (await Client.GetPaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Create_payment_retries_after_503_and_succeeds()
    {
        Simulator.State.Faults.FailNextCalls(2);

        var payment = await CreatePaymentAsync();

        Assert.Equal(MolliePaymentStatus.Open, payment.Status);
        Assert.Equal(1, Simulator.State.PaymentCount);
        Assert.Equal(0, Simulator.State.Faults.Current.ServerErrors);
    }

    [Fact]
    public async Task Server_errors_beyond_the_retry_budget_surface_as_try_again_later()
    {
        Simulator.State.Faults.FailNextCalls(10, 502);

        var error = await Assert.ThrowsAsync<MollieException>(() => CreatePaymentAsync());

        Assert.Equal(502, error.Status);
        Assert.Equal(MollieException.UnreachableMessage, error.UserMessage);
        Assert.Equal(6, Simulator.State.Faults.Current.ServerErrors);
        Assert.Equal(0, Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task Get_payment_retries_after_429_waiting_Retry_After()
    {
        var payment = await CreatePaymentAsync();
        Simulator.State.Faults.RateLimitNextCalls(1, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        var fetched = await Client.GetPaymentAsync(payment.Id);

        Assert.Equal(payment.Id, fetched.Id);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"Retried after {clock.Elapsed}, before Retry-After.");
        Assert.Equal(0, Simulator.State.Faults.Current.RateLimits);
    }

    [Fact]
    public async Task Slow_answer_beyond_the_timeout_is_retried_and_replayed_without_a_second_payment()
    {
        Simulator.State.Faults.SlowDownNextCalls(1, TimeSpan.FromSeconds(3));

        var payment = await CreatePaymentAsync(idempotencyKey: "invoice:9:pay");

        Assert.Equal(1, Simulator.State.PaymentCount);
        Assert.Equal(payment.Id, (await Client.ListPaymentsAsync()).Items.Single().Id);
        Assert.Equal(0, Simulator.State.Faults.Current.SlowResponses);
    }

    [Fact]
    public async Task Faults_set_over_http_apply_to_the_next_calls()
    {
        var set = await Browser.PostAsJsonAsync("_sim/faults", new FaultSettings { ServerErrors = 1, ServerErrorStatus = 500 });
        set.EnsureSuccessStatusCode();

        var payment = await CreatePaymentAsync();

        Assert.Equal(0, (await Browser.GetFromJsonAsync<FaultSettings>("_sim/faults"))!.ServerErrors);
        Assert.Equal(payment.Id, (await Client.GetPaymentAsync(payment.Id)).Id);
    }

    [Fact]
    public async Task Duplicated_webhook_arrives_twice()
    {
        Simulator.State.Faults.DuplicateNextWebhooks(1);
        var payment = await CreatePaymentAsync(method: "ideal");

        await SubmitCheckoutAsync(payment, "paid");

        var received = await Webhooks.WaitForAsync(2);
        Assert.All(received, w => Assert.Equal(payment.Id, w.Id));
        Assert.All(await Simulator.State.WaitForWebhooksAsync(l => l.Count == 2), d => Assert.Equal(WebhookFault.Duplicated, d.Fault));
    }

    [Fact]
    public async Task Delayed_webhook_arrives_after_a_later_status_change()
    {
        Simulator.State.Faults.DelayNextWebhooks(1, TimeSpan.FromSeconds(3));
        var earlier = await CreatePaymentAsync(method: "ideal");
        var later = await CreatePaymentAsync(method: "ideal");

        await SubmitCheckoutAsync(earlier, "paid");
        await SubmitCheckoutAsync(later, "failed");

        var received = await Webhooks.WaitForAsync(2);
        Assert.Equal([later.Id, earlier.Id], received.Select(w => w.Id));
        var log = await Simulator.State.WaitForWebhooksAsync(l => l.Count == 2);
        Assert.True(log[0].EventSequence > log[1].EventSequence);
        Assert.Equal(MolliePaymentStatus.Paid, (await Client.GetPaymentAsync(earlier.Id)).Status);
    }

    [Fact]
    public async Task Lost_webhook_never_arrives_but_the_status_is_readable()
    {
        Simulator.State.Faults.LoseNextWebhooks(1);
        var lost = await CreatePaymentAsync(method: "ideal");
        var delivered = await CreatePaymentAsync(method: "ideal");

        await SubmitCheckoutAsync(lost, "paid");
        await SubmitCheckoutAsync(delivered, "paid");

        var received = await Webhooks.WaitForAsync(1);
        Assert.Equal(delivered.Id, Assert.Single(received).Id);
        var log = await Simulator.State.WaitForWebhooksAsync(l => l.Count == 2);
        Assert.Equal(WebhookFault.Lost, log.Single(d => d.PaymentId == lost.Id).Fault);
        Assert.False(log.Single(d => d.PaymentId == lost.Id).Delivered);
        Assert.Equal(MolliePaymentStatus.Paid, (await Client.GetPaymentAsync(lost.Id)).Status);
    }

    [Fact]
    public async Task Reset_clears_payments_and_faults()
    {
        await CreatePaymentAsync();
        Simulator.State.Faults.FailNextCalls(3);

        (await Browser.PostAsync("_sim/reset", null)).EnsureSuccessStatusCode();

        Assert.Equal(0, Simulator.State.PaymentCount);
        Assert.Equal(0, Simulator.State.Faults.Current.ServerErrors);
        Assert.Empty((await Client.ListPaymentsAsync()).Items);
    }
}
