using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>Customers, mandates, recurring charges and refunds through the real client and the simulator.</summary>
public sealed class MollieSimulatorRecurringTests : SimulatorTestBase
{
    [Fact]
    public async Task Direct_debit_mandate_with_valid_iban_is_valid_and_listed()
    {
        var customer = await CreateCustomerAsync();

        var mandate = await CreateDirectDebitMandateAsync(customer.Id);

        Assert.StartsWith("cst_", customer.Id, StringComparison.Ordinal);
        Assert.Equal("Acme B.V.", (await Client.GetCustomerAsync(customer.Id)).Name);
        Assert.StartsWith("mdt_", mandate.Id, StringComparison.Ordinal);
        Assert.Equal(MollieMandateStatus.Valid, mandate.Status);
        Assert.Equal("directdebit", mandate.Method);
        Assert.Equal("NL55INGB0000000000", mandate.Details!.ConsumerAccount);
        Assert.Equal(mandate.Id, Assert.Single(await Client.ListMandatesAsync(customer.Id)).Id);
        Assert.Equal(mandate.Id, (await Client.GetMandateAsync(customer.Id, mandate.Id)).Id);
    }

    [Fact]
    public async Task Mandate_with_invalid_iban_is_rejected_on_consumer_account()
    {
        var customer = await CreateCustomerAsync();

        var error = await Assert.ThrowsAsync<MollieException>(() =>
            Client.CreateMandateAsync(customer.Id, new CreateMandateRequest { ConsumerName = "Acme", ConsumerAccount = "NL55INGB0000000001" }));

        Assert.Equal(422, error.Status);
        Assert.Equal("consumerAccount", error.Field);
        Assert.Empty(await Client.ListMandatesAsync(customer.Id));
    }

    [Fact]
    public async Task Revoked_mandate_is_gone_and_cannot_be_charged()
    {
        var customer = await CreateCustomerAsync();
        var mandate = await CreateDirectDebitMandateAsync(customer.Id);

        await Client.RevokeMandateAsync(customer.Id, mandate.Id);

        Assert.Empty(await Client.ListMandatesAsync(customer.Id));
        Assert.Equal(410, (await Assert.ThrowsAsync<MollieException>(() => Client.GetMandateAsync(customer.Id, mandate.Id))).Status);
        var error = await Assert.ThrowsAsync<MollieException>(() => ChargeAsync(customer.Id, mandate.Id, 10m));
        Assert.Equal("No suitable mandates found for customer", error.Detail);
    }

    [Fact]
    public async Task Recurring_payment_without_a_mandate_is_rejected()
    {
        var customer = await CreateCustomerAsync();

        var error = await Assert.ThrowsAsync<MollieException>(() => ChargeAsync(customer.Id, null, 10m));

        Assert.Equal(422, error.Status);
        Assert.Equal("No suitable mandates found for customer", error.UserMessage);
        Assert.Equal(0, Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task Recurring_direct_debit_starts_pending_then_settles_paid_with_a_webhook()
    {
        var customer = await CreateCustomerAsync();
        var mandate = await CreateDirectDebitMandateAsync(customer.Id);

        var pending = await ChargeAsync(customer.Id, mandate.Id, 24.95m);
        var settled = await Simulator.State.SettleRecurringPaymentAsync(pending.Id);

        Assert.Equal(MolliePaymentStatus.Pending, pending.Status);
        Assert.Equal(MollieSequenceType.Recurring, pending.SequenceType);
        Assert.Equal("directdebit", pending.Method);
        Assert.Equal(mandate.Id, pending.MandateId);
        Assert.Null(pending.CheckoutUrl);
        Assert.NotNull(pending.Details!.DueDate);
        Assert.Equal("paid", settled);
        Assert.Equal(pending.Id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
        Assert.Equal(MolliePaymentStatus.Paid, (await Client.GetPaymentAsync(pending.Id)).Status);
    }

    [Fact]
    public async Task Recurring_direct_debit_for_an_amount_ending_in_13_fails_with_bank_reason()
    {
        var customer = await CreateCustomerAsync();
        await CreateDirectDebitMandateAsync(customer.Id);

        var pending = await ChargeAsync(customer.Id, null, 50.13m);
        await Simulator.State.SettleRecurringPaymentAsync(pending.Id);

        await Webhooks.WaitForAsync(1);
        var failed = await Client.GetPaymentAsync(pending.Id);
        Assert.Equal(MolliePaymentStatus.Failed, failed.Status);
        Assert.Equal("AM04", failed.Details!.BankReasonCode);
        Assert.NotNull(failed.FailedAt);
    }

    [Fact]
    public async Task Recurring_payments_fail_while_the_fail_switch_is_on()
    {
        var customer = await CreateCustomerAsync();
        await CreateDirectDebitMandateAsync(customer.Id);
        Simulator.State.Faults.FailRecurringPayments = true;

        var pending = await ChargeAsync(customer.Id, null, 10m);

        Assert.Equal("failed", await Simulator.State.SettleRecurringPaymentAsync(pending.Id));
        Assert.Equal(MolliePaymentStatus.Failed, (await Client.GetPaymentAsync(pending.Id)).Status);
    }

    [Fact]
    public async Task Pending_direct_debit_can_be_canceled()
    {
        var customer = await CreateCustomerAsync();
        await CreateDirectDebitMandateAsync(customer.Id);
        var pending = await ChargeAsync(customer.Id, null, 10m);

        var canceled = await Client.CancelPaymentAsync(pending.Id);

        Assert.True(pending.IsCancelable);
        Assert.Equal(MolliePaymentStatus.Canceled, canceled.Status);
        Assert.Null(await Simulator.State.SettleRecurringPaymentAsync(pending.Id));
    }

    [Theory]
    [InlineData("creditcard", "creditcard")]
    [InlineData("ideal", "directdebit")]
    [InlineData("paypal", "paypal")]
    public async Task Paid_first_payment_leaves_a_valid_mandate_that_recurring_payments_use(string method, string mandateMethod)
    {
        var customer = await CreateCustomerAsync();
        var first = await CreatePaymentAsync(0.01m, method, MollieSequenceType.First, customer.Id);

        await SubmitCheckoutAsync(first, "paid");

        var mandate = Assert.Single(await Client.ListMandatesAsync(customer.Id));
        Assert.True(mandate.IsValid);
        Assert.Equal(mandateMethod, mandate.Method);
        Assert.Equal(mandate.Id, (await Client.GetPaymentAsync(first.Id)).MandateId);
        var recurring = await ChargeAsync(customer.Id, null, 15m);
        Assert.Equal(mandate.Id, recurring.MandateId);
        Assert.Equal(mandateMethod, recurring.Method);
    }

    [Fact]
    public async Task Failed_first_payment_leaves_no_mandate()
    {
        var customer = await CreateCustomerAsync();
        var first = await CreatePaymentAsync(1m, "ideal", MollieSequenceType.First, customer.Id);

        await SubmitCheckoutAsync(first, "failed");

        Assert.Empty(await Client.ListMandatesAsync(customer.Id));
    }

    [Fact]
    public async Task Recurring_payment_settles_by_itself_after_the_configured_delay()
    {
        await using var simulator = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = TimeSpan.Zero);
        using var mollie = new MollieTestClient(simulator.ApiBaseAddress);
        var customer = await mollie.Client.CreateCustomerAsync(new CreateCustomerRequest { Name = "Acme" });
        await mollie.Client.CreateMandateAsync(customer.Id, new CreateMandateRequest { ConsumerName = "Acme", ConsumerAccount = "DE89370400440532013000" });

        var pending = await mollie.Client.CreateRecurringPaymentAsync(new CreateRecurringPaymentRequest
        {
            Amount = MollieAmount.Eur(20m),
            Description = "Auto-charge",
            CustomerId = customer.Id,
            WebhookUrl = Webhooks.Url.ToString(),
        });

        Assert.Equal(pending.Id, Assert.Single(await Webhooks.WaitForAsync(1)).Id);
        Assert.Equal(MolliePaymentStatus.Paid, (await mollie.Client.GetPaymentAsync(pending.Id)).Status);
    }

    [Fact]
    public async Task Full_refund_leaves_nothing_remaining()
    {
        var payment = await PaidPaymentAsync(40m);

        var refund = await Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(40m), Description = "Invoice voided" });

        Assert.StartsWith("re_", refund.Id, StringComparison.Ordinal);
        Assert.Equal("pending", refund.Status);
        Assert.Equal(payment.Id, refund.PaymentId);
        var after = await Client.GetPaymentAsync(payment.Id);
        Assert.Equal("40.00", after.AmountRefunded!.Value);
        Assert.Equal("0.00", after.AmountRemaining!.Value);
        Assert.Equal(MolliePaymentStatus.Paid, after.Status);
    }

    [Fact]
    public async Task Partial_refunds_add_up_and_are_listed()
    {
        var payment = await PaidPaymentAsync(40m);

        await Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(15m) });
        await Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(5.50m) });

        var refunds = await Client.ListRefundsAsync(payment.Id);
        Assert.Equal(["5.50", "15.00"], refunds.Select(r => r.Amount.Value));
        Assert.Equal("19.50", (await Client.GetPaymentAsync(payment.Id)).AmountRemaining!.Value);
    }

    [Fact]
    public async Task Refund_above_the_remaining_amount_is_rejected()
    {
        var payment = await PaidPaymentAsync(40m);
        await Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(30m) });

        var error = await Assert.ThrowsAsync<MollieException>(() => Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(10.01m) }));

        Assert.Equal(422, error.Status);
        Assert.Equal("amount", error.Field);
        Assert.Single(await Client.ListRefundsAsync(payment.Id));
    }

    [Fact]
    public async Task Refund_of_an_unpaid_payment_is_rejected()
    {
        var payment = await CreatePaymentAsync(method: "ideal");

        var error = await Assert.ThrowsAsync<MollieException>(() => Client.CreateRefundAsync(payment.Id, new CreateRefundRequest { Amount = MollieAmount.Eur(1m) }));

        Assert.Equal(422, error.Status);
    }

    [Fact]
    public async Task Methods_follow_sequence_type_and_amount_limits()
    {
        var oneoff = await Client.ListMethodsAsync();
        var recurring = await Client.ListMethodsAsync(new MollieMethodsQuery { SequenceType = MollieSequenceType.Recurring });
        var large = await Client.ListMethodsAsync(new MollieMethodsQuery { SequenceType = MollieSequenceType.Recurring, Amount = MollieAmount.Eur(2500m) });

        Assert.Equal(["creditcard", "banktransfer", "ideal", "paypal"], oneoff.Select(m => m.Id));
        Assert.Contains(recurring, m => m.Id == "directdebit");
        Assert.DoesNotContain(large, m => m.Id == "directdebit");
        Assert.Equal("0.01", oneoff.Single(m => m.Id == "ideal").MinimumAmount!.Value);
        Assert.Equal("50000.00", oneoff.Single(m => m.Id == "ideal").MaximumAmount!.Value);
    }

    private Task<MolliePayment> ChargeAsync(string customerId, string? mandateId, decimal amount) =>
        Client.CreateRecurringPaymentAsync(new CreateRecurringPaymentRequest
        {
            Amount = MollieAmount.Eur(amount),
            Description = "Auto-charge credit request 12",
            CustomerId = customerId,
            MandateId = mandateId,
            WebhookUrl = Webhooks.Url.ToString(),
        });

    private async Task<MolliePayment> PaidPaymentAsync(decimal amount)
    {
        var payment = await CreatePaymentAsync(amount, "ideal");
        await SubmitCheckoutAsync(payment, "paid");
        return await Client.GetPaymentAsync(payment.Id);
    }
}
