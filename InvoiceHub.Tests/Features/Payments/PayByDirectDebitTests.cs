using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Direct Debit at Pay Now: a SEPA mandate signed on the page, registered at Mollie, and a recurring debit on it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PayByDirectDebitTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task A_payer_who_signs_the_mandate_is_debited_once_pending_and_the_bank_s_payment_pays_the_invoice()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900);
        var pay = _t.Handler<PayByDirectDebit>();

        var badIban = await Assert.ThrowsAsync<DomainException>(() => pay.HandleAsync(PayableKind.Invoice, invoiceId, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL00INGB0000000001", MandateAccepted: true), _t.App.BaseAddress));
        var notAccepted = await Assert.ThrowsAsync<DomainException>(() => pay.HandleAsync(PayableKind.Invoice, invoiceId, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL55INGB0000000000", MandateAccepted: false), _t.App.BaseAddress));
        Assert.Equal(("iban", "mandate"), (badIban.Field, notAccepted.Field));
        Assert.Equal(0, _t.Simulator.State.PaymentCount);

        var outcome = await pay.HandleAsync(PayableKind.Invoice, invoiceId, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL55 INGB 0000 0000 00", MandateAccepted: true), _t.App.BaseAddress);

        Assert.Equal(PaymentStatus.Pending, outcome.Status);
        var providerId = await _t.ProviderIdOfAsync(outcome.PaymentId!.Value);
        Assert.Equal("pending", _t.Simulator.State.PaymentStatusOf(providerId));
        await using (var db = _t.App.CreateDbContext())
        {
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == outcome.PaymentId);
            Assert.Equal((PaymentMethod.DirectDebit, PaymentInitiator.Client, invoiceId), (payment.Method, payment.InitiatedBy, payment.InvoiceId!.Value));
            Assert.Equal(InvoiceStatus.Open, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
        }

        // The portal and the payment link show the debit under way instead of inviting a second payment.
        var pending = await _t.Handler<PaymentViews>().DocumentAsync(PayableKind.Invoice, invoiceId, clientId);
        Assert.NotNull(pending!.Pending);
        await Assert.ThrowsAsync<PaymentRefusedException>(() => pay.HandleAsync(PayableKind.Invoice, invoiceId, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL55INGB0000000000", MandateAccepted: true), _t.App.BaseAddress));

        (await _t.Controls.PostAsync($"_sim/payments/{providerId}/settle", null)).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the debit pays the invoice");
        Assert.Null((await _t.Handler<PaymentViews>().DocumentAsync(PayableKind.Invoice, invoiceId, clientId))!.Pending);
        Assert.Equal(1, await CountPaymentsAsync(invoiceId));
    }

    private async Task<int> CountPaymentsAsync(int invoiceId)
    {
        await using var db = _t.App.CreateDbContext();
        return await db.Payments.CountAsync(p => p.InvoiceId == invoiceId);
    }
}
