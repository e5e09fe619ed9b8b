using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>
/// Chargebacks and their reversal (docs.mollie.com/reference/chargebacks-api, get-chargeback; MOLLIE.md §9): by the
/// <c>_sim</c> control and by the fault switch, on a clock the test holds; plus the idempotency window
/// (docs.mollie.com/reference/api-idempotency), which runs on the same clock.
/// </summary>
public sealed class SimulatorChargebackTests() : ClockedSimulatorTestBase(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Sim_control_charges_back_a_paid_card_payment_which_stays_paid_and_calls_its_webhook()
    {
        var payment = await World.PaidPaymentAsync("creditcard", "30.00");

        using var response = await Controls.PostAsJsonAsync($"payments/{payment}/chargebacks", new { amount = "12.50" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var chargeback = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("12.50", chargeback.GetProperty("amount").GetProperty("value").GetString());
        var after = await World.OkAsync(Get($"/payments/{payment}"));
        Assert.Equal("paid", after.GetProperty("status").GetString());
        Assert.Equal("12.50", after.GetProperty("amountChargedBack").GetProperty("value").GetString());
        Assert.EndsWith($"/v2/payments/{payment}/chargebacks", after.GetProperty("_links").GetProperty("chargebacks").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.Equal(["paid", "chargeback"], State.WebhookDeliveries.Select(d => d.PaymentStatus));
        Assert.Equal(2, (await Webhooks.WaitForAsync(2)).Count(w => w.Id == payment));
    }

    [Fact]
    public async Task Reversed_chargeback_gets_reversedAt_no_longer_counts_and_calls_the_webhook()
    {
        var payment = await World.PaidPaymentAsync();
        var chargeback = await World.ChargebackAsync(payment);
        Clock.Advance(TimeSpan.FromDays(20));

        using var response = await Controls.PostAsync($"chargebacks/{chargeback}/reverse", null);

        response.EnsureSuccessStatusCode();
        var reversed = await World.OkAsync(Get($"/payments/{payment}/chargebacks/{chargeback}"));
        Assert.Equal("2026-12-21T09:00:00+00:00", reversed.GetProperty("reversedAt").GetString());
        Assert.False((await World.OkAsync(Get($"/payments/{payment}"))).TryGetProperty("amountChargedBack", out _));
        Assert.Equal("chargeback reversed", State.WebhookDeliveries.Last().PaymentStatus);
        using var again = await Controls.PostAsync($"chargebacks/{chargeback}/reverse", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Fault_switch_charges_back_the_next_paid_direct_debit_weeks_later()
    {
        State.Faults.ChargeBackNextPayments(1);
        var customer = await World.CustomerAsync();
        await World.MandateAsync(customer);
        var payment = (await World.OkAsync(Post("/payments", new
        {
            amount = new { currency = "EUR", value = "40.00" }, description = "Auto-charge", sequenceType = "recurring", customerId = customer, webhookUrl = World.WebhookUrl,
        }))).GetProperty("id").GetString()!;
        await AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("paid", State.PaymentStatusOf(payment));

        await AdvanceAsync(TimeSpan.FromDays(13));
        Assert.Empty((await World.OkAsync(Get($"/payments/{payment}/chargebacks"))).GetProperty("_embedded").GetProperty("chargebacks").EnumerateArray());
        await AdvanceAsync(TimeSpan.FromDays(1));

        var list = await World.OkAsync(Get($"/payments/{payment}/chargebacks"));
        var chargeback = Assert.Single(list.GetProperty("_embedded").GetProperty("chargebacks").EnumerateArray());
        Assert.Equal("MD06", chargeback.GetProperty("reason").GetProperty("code").GetString());
        Assert.Equal("40.00", chargeback.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal(["paid", "chargeback"], State.WebhookDeliveries.Select(d => d.PaymentStatus));
        Assert.Equal(0, State.Faults.Current.Chargebacks);
    }

    [Theory]
    [InlineData("ideal", "paid")]
    [InlineData("creditcard", "open")]
    public async Task Only_paid_card_and_direct_debit_payments_can_be_charged_back(string method, string status)
    {
        var payment = await World.OpenPaymentAsync(method);
        if (status == "paid")
        {
            await World.ControlAsync($"payments/{payment}/status", new { status });
        }

        using var response = await Controls.PostAsJsonAsync($"payments/{payment}/chargebacks", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Empty((await World.OkAsync(Get("/chargebacks"))).GetProperty("_embedded").GetProperty("chargebacks").EnumerateArray());
    }

    [Fact]
    public async Task Idempotency_key_replays_within_the_hour_and_is_forgotten_after_it()
    {
        var body = World.PaymentBody("10.00", "ideal");
        var first = await World.OkAsync(Post("/payments", body) with { IdempotencyKey = "window-key" });

        Clock.Advance(TimeSpan.FromMinutes(59));
        var replay = await World.OkAsync(Post("/payments", body) with { IdempotencyKey = "window-key" });
        Clock.Advance(TimeSpan.FromMinutes(2));
        var later = await World.OkAsync(Post("/payments", body) with { IdempotencyKey = "window-key" });

        Assert.Equal(first.GetProperty("id").GetString(), replay.GetProperty("id").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), later.GetProperty("id").GetString());
        Assert.Equal(2, State.PaymentCount);
    }
}
