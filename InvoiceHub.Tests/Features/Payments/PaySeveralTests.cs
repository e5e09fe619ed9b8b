using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>One Mollie payment for several documents: allocated when paid, and no document in two open payments.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PaySeveralTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task One_payment_pays_two_invoices_and_keeps_them_out_of_other_payments()
    {
        var (clientId, first) = await _t.CreateOpenInvoiceAsync(4_000);
        var (_, second) = await _t.CreateOpenInvoiceAsync(2_500, clientId);

        var started = await _t.Handler<StartPaymentForSeveral>().HandleAsync(
            clientId, [(PayableKind.Invoice, first), (PayableKind.Invoice, second)], PaymentMethod.Card, PaymentInitiator.Client, _t.App.BaseAddress);

        // While that checkout is open, neither invoice can be paid on its own, nor in another payment for several.
        var alone = await Assert.ThrowsAsync<PaymentRefusedException>(() => _t.StartInvoicePaymentAsync(second));
        Assert.Contains("several documents", alone.Message, StringComparison.Ordinal);
        await using (var db = _t.App.CreateDbContext())
        {
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == started.PaymentId);
            Assert.Equal((6_500L, (int?)null), (payment.AmountMinor, payment.InvoiceId));
            Assert.Equal(2, await db.PaymentDocuments.CountAsync(d => d.PaymentId == started.PaymentId && d.Open));
        }

        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "paid");
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");

        await using var after = _t.App.CreateDbContext();
        var invoices = await after.Invoices.AsNoTracking().Include(i => i.Allocations).Where(i => i.Id == first || i.Id == second).ToListAsync();
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.All(invoices, i => Assert.Equal(started.PaymentId, Assert.Single(i.Allocations).PaymentId));
        Assert.Equal(0, await after.PaymentDocuments.CountAsync(d => d.PaymentId == started.PaymentId && d.Open));
        Assert.Equal(0, (await after.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
    }

    [Fact]
    public async Task What_a_document_paid_meanwhile_no_longer_needs_goes_to_the_balance()
    {
        var (clientId, first) = await _t.CreateOpenInvoiceAsync(3_000);
        var (_, second) = await _t.CreateOpenInvoiceAsync(1_000, clientId);
        var started = await _t.Handler<StartPaymentForSeveral>().HandleAsync(
            clientId, [(PayableKind.Invoice, first), (PayableKind.Invoice, second)], PaymentMethod.Card, PaymentInitiator.Client, _t.App.BaseAddress);
        await _t.PayOfflineAsync(second);

        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "paid");
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == first)).Status);
        var entry = await db.BalanceEntries.AsNoTracking().SingleAsync(e => e.PaymentId == started.PaymentId);
        Assert.Equal((BalanceEntryKind.Overpayment, 1_000L), (entry.Kind, entry.AmountMinor));
        Assert.Equal(1_000, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
    }

    [Fact]
    public async Task A_failed_payment_for_several_frees_its_documents()
    {
        var (clientId, first) = await _t.CreateOpenInvoiceAsync(3_000);
        var (_, second) = await _t.CreateOpenInvoiceAsync(1_000, clientId);
        var started = await _t.Handler<StartPaymentForSeveral>().HandleAsync(
            clientId, [(PayableKind.Invoice, first), (PayableKind.Invoice, second)], PaymentMethod.Card, PaymentInitiator.Client, _t.App.BaseAddress);

        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "failed");
        await _t.WaitUntilAsync(db => !db.PaymentDocuments.Any(d => d.PaymentId == started.PaymentId && d.Open), "the documents are free");

        var alone = await _t.StartInvoicePaymentAsync(second);
        Assert.NotEqual(started.PaymentId, alone.PaymentId);
    }
}
