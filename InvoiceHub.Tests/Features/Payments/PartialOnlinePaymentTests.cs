using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Paying less than the whole invoice online, where the admin allows it, through the simulator's checkout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PartialOnlinePaymentTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task With_partial_payments_allowed_the_payer_pays_part_and_the_rest_stays_to_pay()
    {
        await AllowPartialAsync(true, minimumMinor: 1_000);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(12_500);

        var tooSmall = await Assert.ThrowsAsync<DomainException>(() => StartAsync(invoiceId, 999));
        Assert.Equal(("amount", "Enter an amount from €10.00 to €125.00."), (tooSmall.Field, tooSmall.Message));
        var tooMuch = await Assert.ThrowsAsync<DomainException>(() => StartAsync(invoiceId, 12_501));
        Assert.Equal("amount", tooMuch.Field);

        var started = await StartAsync(invoiceId, 4_000);
        var providerId = await _t.ProviderIdOfAsync(started.PaymentId);
        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(4_000, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == started.PaymentId)).AmountMinor);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((InvoiceStatus.Open, 8_500L), (invoice.Status, invoice.StillToPayMinor));

        // Less than the minimum is left: then that rest is the only amount, and it may be paid.
        var (_, small) = await _t.CreateOpenInvoiceAsync(600);
        Assert.Equal("Enter an amount from €6.00 to €6.00.", (await Assert.ThrowsAsync<DomainException>(() => StartAsync(small, 500))).Message);
        Assert.NotNull(await StartAsync(small, 600));
    }

    [Fact]
    public async Task Without_partial_payments_only_the_whole_amount_starts()
    {
        await AllowPartialAsync(false, minimumMinor: 1_000);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);

        var refused = await Assert.ThrowsAsync<DomainException>(() => StartAsync(invoiceId, 2_000));

        Assert.Equal(ErrorCodes.InvalidAmount, refused.Code);
        Assert.Contains("partial online payments are not accepted", refused.Message, StringComparison.Ordinal);
        await using (var db = _t.App.CreateDbContext())
        {
            Assert.Equal(0, await db.Payments.CountAsync(p => p.InvoiceId == invoiceId));
        }

        var whole = await StartAsync(invoiceId, 5_000);
        await using var after = _t.App.CreateDbContext();
        Assert.Equal(5_000, (await after.Payments.AsNoTracking().SingleAsync(p => p.Id == whole.PaymentId)).AmountMinor);
    }

    private Task<StartedPayment> StartAsync(int invoiceId, long amountMinor) =>
        _t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Card, PaymentInitiator.Client, _t.App.BaseAddress, null, amount: new Money(amountMinor, Currency.EUR));

    private async Task AllowPartialAsync(bool on, long minimumMinor)
    {
        var settings = _t.App.Services.GetRequiredService<SettingsService>();
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { AllowPartialOnlinePayments = on, MinimumPartialPaymentMinor = minimumMinor }, "tests");
    }
}
