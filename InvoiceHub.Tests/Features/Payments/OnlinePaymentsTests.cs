using System.Net;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Tests.Infrastructure;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

// In the browser collection so that these Kestrel apps do not run beside the browser tests and slow them past their timeouts.
[Collection(BrowserCollection.Name)]
public sealed class OnlinePaymentsTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task Paid_at_checkout_settles_the_invoice_through_the_webhook_exactly_once()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(12_500);

        var started = await _t.StartInvoicePaymentAsync(invoiceId);

        Assert.False(started.Reused);
        Assert.StartsWith(_t.Simulator.BaseAddress.ToString(), started.CheckoutUrl, StringComparison.Ordinal);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        Assert.Equal("open", _t.Simulator.State.PaymentStatusOf(providerId));

        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.WaitUntilAsync(db => InvoiceStatusOf(db, invoiceId) == InvoiceStatus.Paid, "the invoice is paid");

        await using var db = _t.App.CreateDbContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == started.PaymentId);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.True(payment.IsRecorded);
        Assert.Equal(12_500, payment.AmountMinor);
        var allocations = await AllocationsOfAsync(db, invoiceId);
        var allocation = Assert.Single(allocations);
        Assert.Equal(12_500, allocation.AmountMinor);
        Assert.Equal(started.PaymentId, allocation.PaymentId);
        Assert.Equal(0, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
        Assert.Contains(_t.Simulator.State.WebhookDeliveries, d => d.PaymentId == providerId && d.ResponseStatus == 200);
    }

    [Fact]
    public async Task Duplicate_webhooks_settle_the_invoice_once()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(8_000);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        _t.Simulator.State.Faults.DuplicateNextWebhooks(1);

        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.Simulator.State.WaitForWebhooksAsync(log => log.Count(d => d.PaymentId == providerId && d.Delivered) >= 2);
        await _t.WaitUntilAsync(db => InvoiceStatusOf(db, invoiceId) == InvoiceStatus.Paid, "the invoice is paid");

        await using var db = _t.App.CreateDbContext();
        Assert.Single(await AllocationsOfAsync(db, invoiceId));
        Assert.Equal(0, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
        Assert.Equal(0, await db.BalanceEntries.CountAsync(e => EF.Property<int>(e, "ClientId") == clientId));
    }

    [Fact]
    public async Task Webhooks_out_of_order_leave_the_payment_paid_and_settled_once()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_200);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        // Held long enough that the later "paid" call and its webhook get there first even on a loaded machine
        // (the first assertion checks that they did).
        _t.Simulator.State.Faults.DelayNextWebhooks(1, TimeSpan.FromSeconds(3));

        await _t.SetMollieStatusAsync(providerId, "authorized");
        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.Simulator.State.WaitForWebhooksAsync(log => log.Count(d => d.PaymentId == providerId && d.Delivered) >= 2);

        await using var db = _t.App.CreateDbContext();
        var deliveries = _t.Simulator.State.WebhookDeliveries.Where(d => d.PaymentId == providerId && d.Delivered).ToList();
        Assert.Equal("paid", deliveries[0].PaymentStatus);
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusOf(db, invoiceId));
        Assert.Equal(PaymentStatus.Paid, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == started.PaymentId)).Status);
        Assert.Single(await AllocationsOfAsync(db, invoiceId));
    }

    [Fact]
    public async Task A_lost_webhook_is_caught_up_by_syncing_the_payment()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(3_000);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        _t.Simulator.State.Faults.LoseNextWebhooks(1);

        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.Simulator.State.WaitForWebhooksAsync(log => log.Any(d => d.PaymentId == providerId && d.Fault == WebhookFault.Lost));
        await using (var before = _t.App.CreateDbContext())
        {
            Assert.Equal(InvoiceStatus.Open, InvoiceStatusOf(before, invoiceId));
        }

        var outcome = await _t.Handler<SettleMolliePayment>().SyncLocalAsync(started.PaymentId);
        var again = await _t.Handler<SettleMolliePayment>().SyncLocalAsync(started.PaymentId);

        Assert.True(outcome.Settled);
        Assert.False(again.Settled);
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusOf(db, invoiceId));
        Assert.Single(await AllocationsOfAsync(db, invoiceId));
    }

    [Theory]
    [InlineData("failed", PaymentStatus.Failed)]
    [InlineData("canceled", PaymentStatus.Canceled)]
    [InlineData("expired", PaymentStatus.Expired)]
    public async Task An_unsuccessful_payment_leaves_the_invoice_open_and_a_new_one_can_start(string outcome, PaymentStatus expected)
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_500);
        var first = await _t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await _t.ProviderIdOfAsync(first.PaymentId);

        await _t.SetMollieStatusAsync(providerId, outcome);
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == first.PaymentId).Status == expected, $"the payment is {expected}");
        var second = await _t.StartInvoicePaymentAsync(invoiceId);

        Assert.NotEqual(first.PaymentId, second.PaymentId);
        Assert.False(second.Reused);
        Assert.NotEqual(providerId, await _t.ProviderIdOfAsync(second.PaymentId));
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Open, InvoiceStatusOf(db, invoiceId));
        Assert.Empty(await AllocationsOfAsync(db, invoiceId));
    }

    [Fact]
    public async Task Starting_again_while_a_payment_is_open_reuses_its_checkout()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(2_000);

        var first = await _t.StartInvoicePaymentAsync(invoiceId);
        var second = await _t.StartInvoicePaymentAsync(invoiceId);

        Assert.True(second.Reused);
        Assert.Equal(first.PaymentId, second.PaymentId);
        Assert.Equal(first.CheckoutUrl, second.CheckoutUrl);
        Assert.Equal(1, _t.Simulator.State.PaymentCount);
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.InvoiceId == invoiceId));
    }

    [Fact]
    public async Task A_paid_credit_request_tops_up_the_balance()
    {
        var (clientId, requestId) = await _t.CreateOpenCreditRequestAsync(25_000);
        var started = await _t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.CreditRequest, requestId, PaymentMethod.Ideal, PaymentInitiator.Client, _t.App.BaseAddress);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);

        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.WaitUntilAsync(db => db.CreditRequests.Single(r => r.Id == requestId).Status == CreditRequestStatus.Paid, "the credit request is paid");

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(25_000, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
    }

    [Fact]
    public async Task Online_payment_off_refuses_to_start()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(1_000);
        await _t.SetOnlinePaymentAsync(false);

        var refused = await Assert.ThrowsAsync<PaymentRefusedException>(() => _t.StartInvoicePaymentAsync(invoiceId));

        Assert.Contains("switched off", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _t.Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task A_paid_invoice_cannot_be_paid_again()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(1_500);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "paid");
        await _t.WaitUntilAsync(db => InvoiceStatusOf(db, invoiceId) == InvoiceStatus.Paid, "the invoice is paid");

        var refused = await Assert.ThrowsAsync<PaymentRefusedException>(() => _t.StartInvoicePaymentAsync(invoiceId));

        Assert.Contains("paid", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_answers_200_without_a_body_for_unknown_ids()
    {
        using var http = _t.App.CreateClient();

        using var unknown = await http.PostAsync("/api/v1/webhooks/mollie", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "tr_doesnotexist" }));
        using var junk = await http.PostAsync("/api/v1/webhooks/mollie", new StringContent("<script>"));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
        Assert.Equal("", await junk.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Money_for_an_invoice_paid_meanwhile_goes_to_the_balance_and_pays_the_next_open_invoice()
    {
        var (clientId, paidMeanwhileId) = await _t.CreateOpenInvoiceAsync(5_000);
        var (_, nextId) = await _t.CreateOpenInvoiceAsync(3_000, clientId);
        var started = await _t.StartInvoicePaymentAsync(paidMeanwhileId);
        await _t.PayOfflineAsync(paidMeanwhileId);
        await _t.SetAutomaticallyMarkInvoicesPaidAsync(true);

        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "paid");
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusOf(db, nextId));
        Assert.Equal(2_000, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
        Assert.DoesNotContain(await AllocationsOfAsync(db, paidMeanwhileId), a => a.PaymentId == started.PaymentId);
    }

    [Fact]
    public async Task The_return_page_settles_a_payment_whose_webhook_was_lost()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(6_000);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        _t.Simulator.State.Faults.LoseNextWebhooks(1);
        await _t.SetMollieStatusAsync(providerId, "paid");
        using var http = _t.App.CreateClient();

        var html = await http.GetStringAsync(PaymentPaths.Return(started.PaymentId));

        Assert.Contains("data-status=\"paid\"", html, StringComparison.Ordinal);
        // Anonymous and by a sequential id: the status only, not which document it paid.
        Assert.DoesNotContain(await _t.InvoiceNumberOfAsync(invoiceId), html, StringComparison.Ordinal);
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, InvoiceStatusOf(db, invoiceId));
        Assert.Single(await AllocationsOfAsync(db, invoiceId));
    }

    [Fact]
    public async Task The_return_page_of_a_failed_payment_offers_to_try_again()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(6_000);
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "failed");
        using var http = _t.App.CreateClient();

        var html = await http.GetStringAsync(PaymentPaths.Return(started.PaymentId));
        using var unknown = await http.GetAsync(PaymentPaths.Return(started.PaymentId + 1000));

        Assert.Contains("data-status=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("Try again", html, StringComparison.Ordinal);
        Assert.Contains($"/portal/invoices/{invoiceId}#pay", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task When_Mollie_does_not_answer_the_payer_can_start_again_at_once()
    {
        await using var t = await PaymentsTestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Mollie:Timeout"] = "00:00:03",
            ["Mollie:MaxRetryAttempts"] = "1",
        });
        var (_, invoiceId) = await t.CreateOpenInvoiceAsync(4_400);
        t.Simulator.State.Faults.SlowDownNextCalls(2, TimeSpan.FromSeconds(6));

        var refused = await Assert.ThrowsAsync<PaymentRefusedException>(() => t.StartInvoicePaymentAsync(invoiceId));
        var retried = await t.StartInvoicePaymentAsync(invoiceId);

        Assert.Contains("not available", refused.Message, StringComparison.Ordinal);
        Assert.False(retried.Reused);
        await using var db = t.App.CreateDbContext();
        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, payments.Count);
        Assert.Equal(PaymentStatus.Canceled, payments[0].Status);
        Assert.Null(payments[0].ProviderPaymentId);
        Assert.Equal(retried.PaymentId, payments[1].Id);
        Assert.Equal(PaymentStatus.Open, payments[1].Status);
    }

    private static InvoiceStatus InvoiceStatusOf(InvoiceHubDbContext db, int invoiceId) =>
        db.Invoices.AsNoTracking().Single(i => i.Id == invoiceId).Status;

    private static Task<List<Allocation>> AllocationsOfAsync(InvoiceHubDbContext db, int invoiceId) =>
        db.Allocations.AsNoTracking().Where(a => EF.Property<int>(a, "InvoiceId") == invoiceId).ToListAsync();
}
