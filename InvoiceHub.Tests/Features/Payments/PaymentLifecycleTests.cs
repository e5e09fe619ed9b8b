using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>
/// What moves by itself at Mollie, end to end: the simulator runs on a test clock, its lifecycle sweep moves payments and
/// refunds on and calls the app's webhook (the app on Kestrel, on real time), as Mollie would hours or days later.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentLifecycleTests : IAsyncLifetime
{
    private readonly TestClock _mollieClock = new(DateTimeOffset.UtcNow);
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(simulatorClock: _mollieClock);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task An_iDEAL_payment_left_open_expires_after_15_minutes_and_the_invoice_is_payable_again()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_500);
        var started = await _t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Ideal, PaymentInitiator.Client, _t.App.BaseAddress);
        var paymentId = started.PaymentId;
        var providerId = await _t.ProviderIdOfAsync(paymentId);

        _mollieClock.Advance(TimeSpan.FromMinutes(14));
        await _t.Simulator.State.RunDueLifecyclesAsync();
        Assert.Equal("open", _t.Simulator.State.PaymentStatusOf(providerId));

        _mollieClock.Advance(TimeSpan.FromMinutes(2));
        await _t.Simulator.State.RunDueLifecyclesAsync();

        Assert.Equal("expired", _t.Simulator.State.PaymentStatusOf(providerId));
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == paymentId).Status == PaymentStatus.Expired, "the webhook expires the payment");
        await using (var db = _t.App.CreateDbContext())
        {
            var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
            Assert.True(invoice.IsPayable);
            Assert.Equal(5_500, invoice.StillToPayMinor);
        }

        // Paying again opens a new checkout instead of handing out the expired one.
        var again = await _t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Ideal, PaymentInitiator.Client, _t.App.BaseAddress);
        Assert.NotEqual(paymentId, again.PaymentId);
        Assert.Equal("open", _t.Simulator.State.PaymentStatusOf(await _t.ProviderIdOfAsync(again.PaymentId)));
    }

    [Fact]
    public async Task A_refund_moves_from_pending_through_processing_to_refunded_by_Mollie_s_clock()
    {
        var (invoiceId, paymentId, _) = await _t.PayInvoiceOnlineAsync(7_000);
        var refund = await RefundToPayerAsync(paymentId, 7_000);
        Assert.Equal(RefundStatus.Pending, refund.Status);

        await AdvanceMollieAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await _t.WaitUntilAsync(db => db.Refunds.Single(r => r.Id == refund.Id).Status == RefundStatus.Processing, "the refund is processing");
        await AdvanceMollieAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await _t.WaitUntilAsync(db => db.Refunds.Single(r => r.Id == refund.Id).Status == RefundStatus.Refunded, "the refund is refunded");

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(PaymentStatus.Refunded, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).Status);
        Assert.Equal(7_000, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).StillToPayMinor);
    }

    [Fact]
    public async Task A_refund_that_fails_after_processing_puts_the_money_back_on_the_invoice()
    {
        var (invoiceId, paymentId, _) = await _t.PayInvoiceOnlineAsync(6_000);
        _t.Simulator.State.Faults.FailNextRefunds(1);
        var refund = await RefundToPayerAsync(paymentId, 2_500);
        Assert.Equal(2_500, await StillToPayAsync(invoiceId));

        await AdvanceMollieAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await AdvanceMollieAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await _t.WaitUntilAsync(db => db.Refunds.Single(r => r.Id == refund.Id).Status == RefundStatus.Failed, "the refund failed");

        Assert.Equal(0, await StillToPayAsync(invoiceId));
        await using var db = _t.App.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal((PaymentStatus.Paid, 0L), (payment.Status, payment.RefundedMinor));
    }

    private async Task AdvanceMollieAsync(TimeSpan by)
    {
        _mollieClock.Advance(by);
        await _t.Simulator.State.RunDueLifecyclesAsync();
    }

    private Task<RefundView> RefundToPayerAsync(int paymentId, long amountMinor) =>
        _t.Handler<PaymentRefunds>().RefundAsync(new RefundCommand(paymentId, new Money(amountMinor, Currency.EUR), RefundDestination.Payer, "Lessons cancelled", "finance@invoicehub.test"));

    private async Task<long> StillToPayAsync(int invoiceId)
    {
        await using var db = _t.App.CreateDbContext();
        return (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).StillToPayMinor;
    }
}
