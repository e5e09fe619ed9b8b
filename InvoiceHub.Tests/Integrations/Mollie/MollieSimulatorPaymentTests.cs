using System.Net;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>The real client against the simulator over loopback: payments, checkout outcomes and their webhooks.</summary>
public sealed class MollieSimulatorPaymentTests : SimulatorTestBase
{
    [Fact]
    public async Task Create_payment_returns_open_test_payment_with_checkout_link()
    {
        var payment = await CreatePaymentAsync(12.50m);

        Assert.StartsWith("tr_", payment.Id, StringComparison.Ordinal);
        Assert.Equal("test", payment.Mode);
        Assert.Equal(MolliePaymentStatus.Open, payment.Status);
        Assert.Equal(new MollieAmount("EUR", "12.50"), payment.Amount);
        Assert.Equal(new Uri(Simulator.BaseAddress, $"checkout/{payment.Id}").ToString(), payment.CheckoutUrl);
        Assert.Equal(payment.Id, (await Client.GetPaymentAsync(payment.Id)).Id);
    }

    [Theory]
    [InlineData("ideal", "paid")]
    [InlineData("ideal", "failed")]
    [InlineData("ideal", "canceled")]
    [InlineData("ideal", "expired")]
    [InlineData("creditcard", "paid")]
    [InlineData("creditcard", "failed")]
    [InlineData("creditcard", "expired")]
    [InlineData("banktransfer", "paid")]
    [InlineData("paypal", "canceled")]
    public async Task Checkout_outcome_sets_the_status_calls_the_webhook_then_redirects(string method, string outcome)
    {
        var payment = await CreatePaymentAsync(method: method);

        var response = await SubmitCheckoutAsync(payment, outcome);

        Assert.Equal("https://invoicehub.example/portal/invoices/1", response.Headers.Location!.ToString());
        var webhook = Assert.Single(await Webhooks.WaitForAsync(1));
        Assert.Equal(payment.Id, webhook.Id);
        Assert.Equal("Mollie HTTP client/1.0", webhook.UserAgent);
        Assert.StartsWith("application/x-www-form-urlencoded", webhook.ContentType, StringComparison.Ordinal);
        var after = await Client.GetPaymentAsync(payment.Id);
        Assert.Equal(outcome, after.Status.ToString().ToLowerInvariant());
        Assert.Equal(method, after.Method);
        Assert.Null(after.CheckoutUrl);
    }

    [Fact]
    public async Task Checkout_open_outcome_leaves_payment_open_without_webhook()
    {
        var payment = await CreatePaymentAsync(method: "ideal");

        await SubmitCheckoutAsync(payment, "open");

        Assert.Equal(MolliePaymentStatus.Open, (await Client.GetPaymentAsync(payment.Id)).Status);
        Assert.Empty(Simulator.State.WebhookDeliveries);
        Assert.Empty(Webhooks.Received);
    }

    [Fact]
    public async Task Checkout_paid_by_card_fills_card_details_and_refundable_amounts()
    {
        var payment = await CreatePaymentAsync(25m, method: "creditcard");

        await SubmitCheckoutAsync(payment, "paid");

        var paid = await Client.GetPaymentAsync(payment.Id);
        Assert.Equal(MolliePaymentStatus.Paid, paid.Status);
        Assert.NotNull(paid.PaidAt);
        Assert.Equal("Mastercard", paid.Details!.CardLabel);
        Assert.Equal("25.00", paid.AmountRemaining!.Value);
        Assert.Equal("0.00", paid.AmountRefunded!.Value);
    }

    [Fact]
    public async Task Checkout_page_without_preset_method_offers_methods_then_that_methods_outcomes()
    {
        var payment = await CreatePaymentAsync();

        var selection = await Browser.GetStringAsync(payment.CheckoutUrl);
        var outcomes = await Browser.GetStringAsync(payment.CheckoutUrl + "?method=banktransfer");

        Assert.Contains("data-testid=\"method-ideal\"", selection, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"method-creditcard\"", selection, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"method-directdebit\"", selection, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"checkout-continue\"", selection, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outcome-paid\"", outcomes, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"outcome-expired\"", outcomes, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"outcome-failed\"", outcomes, StringComparison.Ordinal);
        Assert.Contains("EUR 10.00", outcomes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_page_html_encodes_the_description()
    {
        var payment = await Client.CreatePaymentAsync(new CreatePaymentRequest
        {
            Amount = MollieAmount.Eur(1m),
            Description = "<script>alert('x')</script> & Co",
            RedirectUrl = "https://invoicehub.example/",
            Method = "ideal",
        });

        var page = await Browser.GetStringAsync(payment.CheckoutUrl);

        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_outcome_not_offered_for_the_method_is_refused()
    {
        var payment = await CreatePaymentAsync(method: "banktransfer");

        var response = await Browser.PostAsync(new Uri(payment.CheckoutUrl!), new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "failed" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MolliePaymentStatus.Open, (await Client.GetPaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Amount_with_one_decimal_is_rejected_on_amount_value()
    {
        var error = await Assert.ThrowsAsync<MollieException>(() => Client.CreatePaymentAsync(new CreatePaymentRequest
        {
            Amount = new MollieAmount("EUR", "16.1"),
            Description = "Invoice",
            RedirectUrl = "https://invoicehub.example/",
        }));

        Assert.Equal(422, error.Status);
        Assert.Equal("amount.value", error.Field);
        Assert.Equal("The amount contains an invalid value", error.UserMessage);
        Assert.Equal(0, Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task Payment_without_redirect_url_is_rejected()
    {
        var error = await Assert.ThrowsAsync<MollieException>(() => Client.CreatePaymentAsync(new CreatePaymentRequest { Amount = MollieAmount.Eur(5m), Description = "Invoice" }));

        Assert.Equal(422, error.Status);
        Assert.Equal("redirectUrl", error.Field);
    }

    [Fact]
    public async Task Key_without_test_or_live_prefix_is_refused_with_401()
    {
        using var wrongKey = new MollieTestClient(Simulator.ApiBaseAddress, new Dictionary<string, string?> { ["Mollie:ApiKey"] = "sk_not_a_mollie_key" });

        var error = await Assert.ThrowsAsync<MollieException>(() => wrongKey.Client.ListPaymentsAsync());

        Assert.Equal(401, error.Status);
        Assert.Equal("Missing authentication, or failed to authenticate", error.Detail);
        Assert.Equal("The Mollie API key was refused; check it under Payment Providers.", error.UserMessage);
    }

    [Fact]
    public async Task Unknown_payment_is_404_with_mollies_message()
    {
        var error = await Assert.ThrowsAsync<MollieException>(() => Client.GetPaymentAsync("tr_doesnotexist"));

        Assert.Equal(404, error.Status);
        Assert.Equal("No payment exists with token tr_doesnotexist.", error.Detail);
    }

    [Fact]
    public async Task Cancel_open_bank_transfer_cancels_it_and_calls_the_webhook()
    {
        var payment = await CreatePaymentAsync(method: "banktransfer");
        Assert.True(payment.IsCancelable);
        Assert.NotNull(payment.Details!.TransferReference);

        var canceled = await Client.CancelPaymentAsync(payment.Id);

        Assert.Equal(MolliePaymentStatus.Canceled, canceled.Status);
        Assert.NotNull(canceled.CanceledAt);
        Assert.Equal(payment.Id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
    }

    [Fact]
    public async Task Cancel_open_card_payment_is_refused()
    {
        var payment = await CreatePaymentAsync(method: "creditcard");

        var error = await Assert.ThrowsAsync<MollieException>(() => Client.CancelPaymentAsync(payment.Id));

        Assert.Equal(422, error.Status);
        Assert.Equal("The payment cannot be cancelled", error.UserMessage);
        Assert.Equal(MolliePaymentStatus.Open, (await Client.GetPaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task List_payments_pages_newest_first_through_the_from_cursor()
    {
        var created = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            created.Add((await CreatePaymentAsync(i)).Id);
        }

        var seen = new List<string>();
        string? from = null;
        var pages = 0;
        do
        {
            var page = await Client.ListPaymentsAsync(from, 2);
            seen.AddRange(page.Items.Select(p => p.Id));
            from = page.NextFrom;
            pages++;
        }
        while (from is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Fact]
    public async Task Changing_payment_state_through_the_sim_endpoint_applies_it_and_calls_the_webhook()
    {
        var payment = await CreatePaymentAsync(method: "ideal");

        var response = await Browser.PostAsync($"_sim/payments/{payment.Id}/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "expired" }));

        response.EnsureSuccessStatusCode();
        Assert.Equal(MolliePaymentStatus.Expired, (await Client.GetPaymentAsync(payment.Id)).Status);
        Assert.Equal(payment.Id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
    }

    [Fact]
    public async Task Idempotent_replay_returns_the_first_payment_and_marks_the_answer()
    {
        var first = await CreatePaymentAsync(idempotencyKey: "invoice:42:pay");
        var second = await CreatePaymentAsync(idempotencyKey: "invoice:42:pay");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, Simulator.State.PaymentCount);

        using var raw = new HttpRequestMessage(HttpMethod.Post, "v2/payments");
        raw.Headers.Authorization = new("Bearer", MollieTestClient.TestKey);
        raw.Headers.Add("Idempotency-Key", "invoice:43:pay");
        const string body = """{"amount":{"currency":"EUR","value":"3.00"},"description":"x","redirectUrl":"https://invoicehub.example/"}""";
        raw.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var firstRaw = await Browser.SendAsync(raw);
        using var replay = new HttpRequestMessage(HttpMethod.Post, "v2/payments") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        replay.Headers.Authorization = new("Bearer", MollieTestClient.TestKey);
        replay.Headers.Add("Idempotency-Key", "invoice:43:pay");
        using var replayed = await Browser.SendAsync(replay);

        Assert.False(firstRaw.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await firstRaw.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Same_idempotency_key_with_another_body_is_refused_with_400()
    {
        await CreatePaymentAsync(10m, idempotencyKey: "invoice:44:pay");

        var error = await Assert.ThrowsAsync<MollieException>(() => CreatePaymentAsync(11m, idempotencyKey: "invoice:44:pay"));

        Assert.Equal(400, error.Status);
        Assert.Equal(1, Simulator.State.PaymentCount);
    }
}

/// <summary>The simulator mounted under a path, as the app mounts it in Development.</summary>
public sealed class MollieSimulatorMountTests
{
    [Fact]
    public async Task Simulator_mounted_under_a_path_serves_api_and_checkout_under_that_path()
    {
        await using var simulator = await InvoiceHub.MollieSimulator.MollieSimulatorHost.StartAsync(path: "/mollie-simulator");
        using var mollie = new MollieTestClient(simulator.ApiBaseAddress);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var payment = await mollie.Client.CreatePaymentAsync(new CreatePaymentRequest { Amount = MollieAmount.Eur(7m), Description = "Mounted", RedirectUrl = "https://invoicehub.example/back", Method = "ideal" });
        var page = await browser.GetStringAsync(payment.CheckoutUrl);
        var submitted = await browser.PostAsync(payment.CheckoutUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "paid" }));

        Assert.EndsWith("/mollie-simulator/v2/", simulator.ApiBaseAddress.ToString(), StringComparison.Ordinal);
        Assert.Contains($"/mollie-simulator/checkout/{payment.Id}", payment.CheckoutUrl, StringComparison.Ordinal);
        Assert.Contains($"action=\"/mollie-simulator/checkout/{payment.Id}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
        Assert.Equal(MolliePaymentStatus.Paid, (await mollie.Client.GetPaymentAsync(payment.Id)).Status);
    }
}
