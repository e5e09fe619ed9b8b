using System.Diagnostics;
using System.Net;
using System.Text.Json;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>The client against recorded Mollie answers: shapes, error mapping, idempotency keys, retry decisions.</summary>
public sealed class MollieClientTests
{
    private static readonly Uri MollieApi = new("https://api.mollie.com/v2/");

    private static CreatePaymentRequest TenEuros() => new()
    {
        Amount = MollieAmount.Eur(10m),
        Description = "Invoice 2026-0001",
        RedirectUrl = "https://invoicehub.example/portal/invoices/1",
        WebhookUrl = "https://invoicehub.example/webhooks/mollie",
    };

    [Fact]
    public async Task Get_payment_reads_recorded_open_payment_with_checkout_link()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "payment-open-creditcard.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var payment = await mollie.Client.GetPaymentAsync("tr_WDqYK6vllg");

        Assert.Equal("tr_WDqYK6vllg", payment.Id);
        Assert.Equal(MolliePaymentStatus.Open, payment.Status);
        Assert.Equal(new MollieAmount("EUR", "10.00"), payment.Amount);
        Assert.Equal(10.00m, payment.Amount.ToDecimal());
        Assert.Equal("https://www.mollie.com/payscreen/select-method/WDqYK6vllg", payment.CheckoutUrl);
        Assert.Equal(MollieSequenceType.Oneoff, payment.SequenceType);
        Assert.Null(payment.Method);
        Assert.Null(payment.Details);
        Assert.Equal("12345", payment.Metadata!.Value.GetProperty("order_id").GetString());
        Assert.Equal(new DateTimeOffset(2018, 3, 20, 13, 13, 37, TimeSpan.Zero), payment.CreatedAt);
        Assert.False(payment.IsFinal);
        Assert.Equal("https://api.mollie.com/v2/payments/tr_WDqYK6vllg", stub.Requests.Single().Uri.ToString());
        Assert.Equal($"Bearer {MollieTestClient.TestKey}", stub.Requests.Single().Authorization);
        Assert.Null(stub.Requests.Single().IdempotencyKey);
    }

    [Fact]
    public async Task Get_payment_reads_paid_first_payment_with_details_refunds_and_mandate()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "payment-paid-ideal.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var payment = await mollie.Client.GetPaymentAsync("tr_7UhSN1zuXS");

        Assert.Equal(MolliePaymentStatus.Paid, payment.Status);
        Assert.True(payment.IsFinal);
        Assert.Equal("ideal", payment.Method);
        Assert.Equal(MollieSequenceType.First, payment.SequenceType);
        Assert.Equal("cst_8wmqcHMN4U", payment.CustomerId);
        Assert.Equal("mdt_pWUnw6pkBN", payment.MandateId);
        Assert.Equal("25.00", payment.AmountRefunded!.Value);
        Assert.Equal("50.00", payment.AmountRemaining!.Value);
        Assert.Equal("NL53INGB0618365937", payment.Details!.ConsumerAccount);
        Assert.StartsWith("Hr E G H Küppers", payment.Details.ConsumerName, StringComparison.Ordinal);
        Assert.NotNull(payment.PaidAt);
        Assert.Null(payment.CheckoutUrl);
        Assert.Equal(JsonValueKind.Null, payment.Metadata?.ValueKind ?? JsonValueKind.Null);
    }

    [Fact]
    public async Task Get_payment_reads_pending_recurring_direct_debit()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "payment-recurring-pending-directdebit.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var payment = await mollie.Client.GetPaymentAsync("tr_Hj5Dcm3v4q");

        Assert.Equal(MolliePaymentStatus.Pending, payment.Status);
        Assert.Equal(MollieSequenceType.Recurring, payment.SequenceType);
        Assert.True(payment.IsCancelable);
        Assert.Null(payment.RedirectUrl);
        Assert.Null(payment.CheckoutUrl);
        Assert.Equal("mdt_38HS4fsS9z", payment.MandateId);
        Assert.Equal("2024-03-05", payment.Details!.DueDate);
        Assert.Equal("NL08ZZZ502057730000", payment.Details.CreditorIdentifier);
        Assert.NotNull(payment.Links!.ChangePaymentState);
        Assert.Equal(12, payment.Metadata!.Value.GetProperty("creditRequestId").GetInt32());
    }

    [Fact]
    public async Task List_payments_reads_embedded_payments_and_next_cursor()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "payments-list.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var page = await mollie.Client.ListPaymentsAsync(limit: 2);

        Assert.Equal(2, page.Count);
        Assert.Equal(["tr_7UhSN1zuXS", "tr_WDqYK6vllg"], page.Items.Select(p => p.Id));
        Assert.Equal(MolliePaymentStatus.Expired, page.Items[1].Status);
        Assert.Equal("tr_SDkzMggpvx", page.NextFrom);
        Assert.Null(page.Links!.Previous);
        Assert.Equal("https://api.mollie.com/v2/payments?limit=2", stub.Requests.Single().Uri.ToString());
    }

    [Fact]
    public async Task List_methods_sends_sequence_type_and_amount_filters_and_reads_limits()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "methods-list.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var methods = await mollie.Client.ListMethodsAsync(new MollieMethodsQuery { SequenceType = MollieSequenceType.First, Amount = MollieAmount.Eur(12.5m) });

        var query = Uri.UnescapeDataString(stub.Requests.Single().Uri.Query);
        Assert.Contains("sequenceType=first", query, StringComparison.Ordinal);
        Assert.Contains("amount[value]=12.50", query, StringComparison.Ordinal);
        Assert.Contains("amount[currency]=EUR", query, StringComparison.Ordinal);
        Assert.Equal(["ideal", "banktransfer"], methods.Select(m => m.Id));
        Assert.Equal("50000.00", methods[0].MaximumAmount!.Value);
        Assert.Null(methods[1].MaximumAmount);
        Assert.Equal("pending-boarding", methods[1].Status);
        Assert.EndsWith("ideal.svg", methods[0].Image!.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_mandates_reads_valid_direct_debit_mandate()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.OK, "mandates-list.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var mandates = await mollie.Client.ListMandatesAsync("cst_8wmqcHMN4U");

        var mandate = Assert.Single(mandates);
        Assert.True(mandate.IsValid);
        Assert.Equal("directdebit", mandate.Method);
        Assert.Equal("NL55INGB0000000000", mandate.Details!.ConsumerAccount);
        Assert.Equal("2018-05-07", mandate.SignatureDate);
    }

    [Fact]
    public async Task Create_refund_posts_amount_and_reads_pending_refund()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.Created, "refund-pending.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var refund = await mollie.Client.CreateRefundAsync("tr_WDqYK6vllg", new CreateRefundRequest { Amount = MollieAmount.Eur(5.95m), Description = "Order #33" });

        Assert.Equal("re_4qqhO89gsT", refund.Id);
        Assert.Equal("pending", refund.Status);
        Assert.Equal("5.95", refund.Amount.Value);
        var sent = JsonDocument.Parse(stub.Requests.Single().Body!).RootElement;
        Assert.Equal("5.95", sent.GetProperty("amount").GetProperty("value").GetString());
        Assert.NotNull(stub.Requests.Single().IdempotencyKey);
    }

    [Fact]
    public async Task Create_payment_sends_camel_case_json_without_nulls_and_an_idempotency_key()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.Created, "payment-open-creditcard.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        await mollie.Client.CreatePaymentAsync(TenEuros() with { SequenceType = MollieSequenceType.Oneoff });

        var request = stub.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.mollie.com/v2/payments", request.Uri.ToString());
        Assert.True(Guid.TryParse(request.IdempotencyKey, out _));
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("10.00", body.GetProperty("amount").GetProperty("value").GetString());
        Assert.Equal("EUR", body.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("oneoff", body.GetProperty("sequenceType").GetString());
        Assert.Equal("https://invoicehub.example/portal/invoices/1", body.GetProperty("redirectUrl").GetString());
        Assert.False(body.TryGetProperty("mandateId", out _));
        Assert.False(body.TryGetProperty("cancelUrl", out _));
    }

    [Fact]
    public async Task Create_recurring_payment_sends_sequence_type_customer_and_mandate_without_redirect()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.Created, "payment-recurring-pending-directdebit.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        await mollie.Client.CreateRecurringPaymentAsync(
            new CreateRecurringPaymentRequest { Amount = MollieAmount.Eur(24.95m), Description = "Credit top-up", CustomerId = "cst_8wmqcHMN4U", MandateId = "mdt_38HS4fsS9z" },
            "autocharge:credit-request:12:attempt:2");

        var request = stub.Requests.Single();
        Assert.Equal("autocharge:credit-request:12:attempt:2", request.IdempotencyKey);
        var body = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal("recurring", body.GetProperty("sequenceType").GetString());
        Assert.Equal("cst_8wmqcHMN4U", body.GetProperty("customerId").GetString());
        Assert.Equal("mdt_38HS4fsS9z", body.GetProperty("mandateId").GetString());
        Assert.False(body.TryGetProperty("redirectUrl", out _));
    }

    [Fact]
    public async Task Create_payment_retries_after_503_with_the_same_idempotency_key()
    {
        var stub = new StubMollieHandler()
            .Respond(HttpStatusCode.ServiceUnavailable, "<html>busy</html>")
            .Respond(HttpStatusCode.BadGateway)
            .RespondRecorded(HttpStatusCode.Created, "payment-open-creditcard.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var payment = await mollie.Client.CreatePaymentAsync(TenEuros(), "invoice:7:pay");

        Assert.Equal("tr_WDqYK6vllg", payment.Id);
        Assert.Equal(3, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal("invoice:7:pay", r.IdempotencyKey));
        Assert.All(stub.Requests, r => Assert.Equal(stub.Requests[0].Body, r.Body));
    }

    [Fact]
    public async Task Get_payment_waits_for_Retry_After_on_429_then_succeeds()
    {
        var stub = new StubMollieHandler()
            .Respond(HttpStatusCode.TooManyRequests, null, r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .RespondRecorded(HttpStatusCode.OK, "payment-open-creditcard.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);
        var clock = Stopwatch.StartNew();

        var payment = await mollie.Client.GetPaymentAsync("tr_WDqYK6vllg");

        Assert.Equal("tr_WDqYK6vllg", payment.Id);
        Assert.Equal(2, stub.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"Retried after {clock.Elapsed} instead of the 1 s Mollie asked for.");
    }

    [Fact]
    public async Task Create_payment_with_invalid_amount_is_not_retried_and_names_the_field()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.UnprocessableEntity, "error-422-amount-value.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var error = await Assert.ThrowsAsync<MollieException>(() => mollie.Client.CreatePaymentAsync(TenEuros() with { Amount = new MollieAmount("EUR", "16.1") }));

        Assert.Single(stub.Requests);
        Assert.Equal(422, error.Status);
        Assert.Equal("amount.value", error.Field);
        Assert.Equal("The amount contains an invalid value", error.Detail);
        Assert.Equal("The amount contains an invalid value", error.UserMessage);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Refused_api_key_is_not_retried_and_tells_the_admin_where_to_fix_it()
    {
        var stub = new StubMollieHandler().RespondRecorded(HttpStatusCode.Unauthorized, "error-401.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var error = await Assert.ThrowsAsync<MollieException>(() => mollie.Client.GetPaymentAsync("tr_WDqYK6vllg"));

        Assert.Single(stub.Requests);
        Assert.Equal(401, error.Status);
        Assert.Equal("Missing authentication, or failed to authenticate", error.Detail);
        Assert.Equal("The Mollie API key was refused; check it under Payment Providers.", error.UserMessage);
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_give_the_try_again_later_message()
    {
        var stub = new StubMollieHandler();
        for (var i = 0; i < 4; i++)
        {
            stub.Respond(HttpStatusCode.InternalServerError, """{"status":500,"title":"Internal Server Error","detail":"Something went wrong"}""");
        }
        using var mollie = new MollieTestClient(MollieApi, handler: stub);

        var error = await Assert.ThrowsAsync<MollieException>(() => mollie.Client.CreatePaymentAsync(TenEuros()));

        Assert.Equal(4, stub.Requests.Count);
        Assert.Equal(500, error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal("Mollie is not answering right now; nothing was charged, try again in a few minutes.", error.UserMessage);
    }

    [Fact]
    public async Task Missing_api_key_fails_before_anything_is_sent()
    {
        var stub = new StubMollieHandler();
        using var mollie = new MollieTestClient(MollieApi, new Dictionary<string, string?> { ["Mollie:ApiKey"] = "" }, stub);

        var error = await Assert.ThrowsAsync<MollieException>(() => mollie.Client.GetPaymentAsync("tr_WDqYK6vllg"));

        Assert.Empty(stub.Requests);
        Assert.Contains("Payment Providers", error.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_never_contain_the_api_key()
    {
        var logs = new CapturingLoggerProvider();
        var stub = new StubMollieHandler()
            .Respond(HttpStatusCode.ServiceUnavailable)
            .RespondRecorded(HttpStatusCode.UnprocessableEntity, "error-422-amount-value.json");
        using var mollie = new MollieTestClient(MollieApi, handler: stub, logs: logs);

        await Assert.ThrowsAsync<MollieException>(() => mollie.Client.CreatePaymentAsync(TenEuros()));

        Assert.Equal(2, stub.Requests.Count);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(MollieTestClient.TestKey, StringComparison.Ordinal));
        // HttpClientFactory's own request logging lists header names with redacted values.
        Assert.DoesNotContain(logs.Lines, line => line.Contains("Bearer", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(10, "EUR", "10.00")]
    [InlineData(16.1, "EUR", "16.10")]
    [InlineData(0.005, "EUR", "0.01")]
    [InlineData(1500, "JPY", "1500")]
    public void Amount_is_written_with_the_currency_decimals(decimal amount, string currency, string expected) =>
        Assert.Equal(expected, MollieAmount.From(amount, currency).Value);
}
