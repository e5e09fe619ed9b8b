using System.Text.Json;
using InvoiceHub.MollieSimulator;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>
/// What moves by itself at Mollie, on a clock the test holds: expiry per method (docs.mollie.com/payments/status-changes,
/// MOLLIE.md §2), the refund lifecycle (docs.mollie.com/payments/refunds), direct debits failing after pending and
/// chargebacks (docs.mollie.com/reference/chargebacks-api), and the idempotency window (/reference/api-idempotency).
/// </summary>
// Starts on a Monday: twelve days on is a Saturday, which Mollie moves to the Monday after.
public sealed class SimulatorLifecycleTests() : ClockedSimulatorTestBase(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Open_iDEAL_payment_expires_after_15_minutes_and_calls_its_webhook()
    {
        var id = await World.OpenPaymentAsync("ideal");

        await AdvanceAsync(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal("open", (await GetAsync($"/payments/{id}")).GetProperty("status").GetString());
        Assert.Empty(Webhooks.Received);

        await AdvanceAsync(TimeSpan.FromSeconds(1));
        var expired = await GetAsync($"/payments/{id}");
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal("2026-11-30T09:15:00+00:00", expired.GetProperty("expiredAt").GetString());
        Assert.False(expired.GetProperty("_links").TryGetProperty("checkout", out _));
        Assert.Equal(id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
    }

    [Theory]
    [InlineData("creditcard", "2026-11-30T09:30:00+00:00")]
    [InlineData("paypal", "2026-12-03T09:00:00+00:00")]
    [InlineData("banktransfer", "2026-12-14T09:00:00+00:00")]
    public async Task Each_method_expires_when_Mollie_documents(string method, string expiresAt)
    {
        var payment = await World.OkAsync(Post("/payments", World.PaymentBody("10.00", method)));

        Assert.Equal(expiresAt, payment.GetProperty("expiresAt").GetString());
    }

    [Fact]
    public async Task Bank_transfer_stays_open_for_days_then_expires()
    {
        var id = await World.OpenPaymentAsync("banktransfer");

        await AdvanceAsync(TimeSpan.FromDays(13));
        Assert.Equal("open", State.PaymentStatusOf(id));

        await AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("expired", State.PaymentStatusOf(id));
        await Webhooks.WaitForAsync(1);
    }

    [Fact]
    public async Task Development_timings_run_the_same_lifecycles_in_minutes()
    {
        await StartSimulatorAsync(o => o.Timings = SimulatorTimings.Development);

        var payment = await World.OkAsync(Post("/payments", World.PaymentBody("10.00", "banktransfer")));

        Assert.Equal("2026-11-30T09:05:00+00:00", payment.GetProperty("expiresAt").GetString());
        await AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal("expired", State.PaymentStatusOf(payment.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task The_simulator_sweeps_by_itself_when_itsClock_moves()
    {
        var id = await World.OpenPaymentAsync("ideal");

        Clock.Advance(TimeSpan.FromMinutes(16));

        await State.WaitForWebhooksAsync(d => d.Any(w => w.PaymentId == id && w.PaymentStatus == "expired"), TimeSpan.FromSeconds(10));
        Assert.Equal("expired", State.PaymentStatusOf(id));
    }

    [Fact]
    public async Task Refund_moves_pending_processing_refunded_with_a_webhook_where_Mollie_sends_one()
    {
        var payment = await World.PaidPaymentAsync();
        var refund = await World.RefundAsync(payment);
        await Webhooks.WaitForAsync(1);

        await AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("processing", await RefundStatusAsync(payment, refund));
        await AdvanceAsync(TimeSpan.FromHours(24));
        Assert.Equal("refunded", await RefundStatusAsync(payment, refund));

        Assert.Equal(["paid", "refund processing", "refund refunded"], State.WebhookDeliveries.Select(d => d.PaymentStatus));
        Assert.Equal(3, (await Webhooks.WaitForAsync(3)).Count(w => w.Id == payment));
    }

    [Fact]
    public async Task Queued_refund_waits_for_balance_then_moves_on_without_a_webhook_until_processing()
    {
        State.Faults.QueueRefunds = true;
        var payment = await World.PaidPaymentAsync();
        var refund = await World.RefundAsync(payment);
        Assert.Equal("queued", await RefundStatusAsync(payment, refund));

        await AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("pending", await RefundStatusAsync(payment, refund));
        await AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal("processing", await RefundStatusAsync(payment, refund));
        Assert.Equal(["paid", "refund processing"], State.WebhookDeliveries.Select(d => d.PaymentStatus));
    }

    [Fact]
    public async Task Failing_refund_gives_the_amount_back_to_the_payment()
    {
        State.Faults.FailNextRefunds(1);
        var payment = await World.PaidPaymentAsync();
        var refund = await World.RefundAsync(payment, "4.00");
        Assert.Equal("6.00", (await GetAsync($"/payments/{payment}")).GetProperty("amountRemaining").GetProperty("value").GetString());

        await AdvanceAsync(TimeSpan.FromHours(2));
        await AdvanceAsync(TimeSpan.FromHours(24));

        Assert.Equal("failed", await RefundStatusAsync(payment, refund));
        Assert.Equal("10.00", (await GetAsync($"/payments/{payment}")).GetProperty("amountRemaining").GetProperty("value").GetString());
        Assert.Equal("refund failed", State.WebhookDeliveries.Last().PaymentStatus);
    }

    [Fact]
    public async Task Direct_debit_can_fail_after_days_pending()
    {
        State.Faults.FailRecurringPayments = true;
        var id = await RecurringDirectDebitAsync();

        await AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal("pending", State.PaymentStatusOf(id));
        await AdvanceAsync(TimeSpan.FromDays(1));

        var failed = await GetAsync($"/payments/{id}");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("AM04", failed.GetProperty("details").GetProperty("bankReasonCode").GetString());
        Assert.Equal(id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
    }

    private async Task<string> RecurringDirectDebitAsync()
    {
        var customer = await World.CustomerAsync();
        await World.MandateAsync(customer);
        var payment = await World.OkAsync(Post("/payments", new
        {
            amount = new { currency = "EUR", value = "20.00" }, description = "Auto-charge", sequenceType = "recurring", customerId = customer, webhookUrl = World.WebhookUrl,
        }));
        Assert.Equal("pending", payment.GetProperty("status").GetString());
        return payment.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string path) => await World.OkAsync(Get(path));

    private async Task<string?> RefundStatusAsync(string payment, string refund) =>
        (await GetAsync($"/payments/{payment}/refunds/{refund}")).GetProperty("status").GetString();
}
