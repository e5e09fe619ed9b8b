using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Portal;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>
/// Pay several at once by direct debit: one signed mandate, one recurring debit for all the ticked documents, pending
/// on the dashboard until the bank pays it; a chargeback of it reopens the invoice and takes the credit request's credit back.
/// </summary>
public sealed class PaySeveralByDirectDebitTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task One_debit_pays_an_invoice_and_a_credit_request_and_its_chargeback_reopens_both()
    {
        var (clientId, requestId) = await _t.CreateOpenCreditRequestAsync(3_000);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_000, clientId);
        var (_, otherInvoice) = await _t.CreateOpenInvoiceAsync(1_500, clientId);
        IReadOnlyList<(PayableKind, int)> both = [(PayableKind.Invoice, invoiceId), (PayableKind.CreditRequest, requestId)];
        var pay = _t.Handler<PayByDirectDebit>();

        var badIban = await Assert.ThrowsAsync<DomainException>(() => pay.HandleAsync(both, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL00INGB0000000001", MandateAccepted: true), _t.App.BaseAddress));
        Assert.Equal("iban", badIban.Field);
        Assert.Equal(0, _t.Simulator.State.PaymentCount);

        var outcome = await pay.HandleAsync(both, clientId, new DirectDebitAuthorisation("Pat Payer", "NL55INGB0000000000", MandateAccepted: true), _t.App.BaseAddress);

        Assert.Equal(PaymentStatus.Pending, outcome.Status);
        var paymentId = outcome.PaymentId!.Value;
        await using (var db = _t.App.CreateDbContext())
        {
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
            Assert.Equal((7_000L, PaymentMethod.DirectDebit, (int?)null, (int?)null), (payment.AmountMinor, payment.Method, payment.InvoiceId, payment.CreditRequestId));
            Assert.Equal(2, await db.PaymentDocuments.CountAsync(d => d.PaymentId == paymentId && d.Open));
        }

        // The dashboard shows both as pending since the debit started, the third invoice as payable.
        var dashboard = (await _t.Handler<PortalQueries>().DashboardAsync(clientId))!;
        var pending = dashboard.Unpaid.Where(d => d.Pending is not null).Select(d => (d.Kind, d.Id)).Order().ToList();
        Assert.Equal([(PayableKind.Invoice, invoiceId), (PayableKind.CreditRequest, requestId)], pending);
        Assert.Null(dashboard.Unpaid.Single(d => d.Id == otherInvoice && d.Kind == PayableKind.Invoice).Pending);
        Assert.All(dashboard.Unpaid.Where(d => d.Pending is not null), d => Assert.Equal(7_000, d.Pending!.AmountMinor));
        Assert.NotNull(await _t.Handler<PendingPayments>().OfDocumentAsync(PayableKind.CreditRequest, requestId, clientId));
        var again = await Assert.ThrowsAsync<PaymentRefusedException>(() => pay.HandleAsync(both, clientId,
            new DirectDebitAuthorisation("Pat Payer", "NL55INGB0000000000", MandateAccepted: true), _t.App.BaseAddress));
        Assert.Contains("already being processed", again.Message, StringComparison.Ordinal);
        Assert.Equal(1, _t.Simulator.State.PaymentCount);

        var providerId = await _t.ProviderIdOfAsync(paymentId);
        (await _t.Controls.PostAsync($"_sim/payments/{providerId}/settle", null)).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == paymentId).RecordedAt != null, "the debit is recorded");
        await using (var db = _t.App.CreateDbContext())
        {
            Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
            Assert.Equal(CreditRequestStatus.Paid, (await db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Status);
            Assert.Equal(3_000, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
        }

        Assert.All((await _t.Handler<PortalQueries>().DashboardAsync(clientId))!.Unpaid, d => Assert.Null(d.Pending));

        // The bank takes the whole debit back: the invoice reopens and the credit request's credit leaves the balance.
        (await _t.Controls.PostAsync($"_sim/payments/{providerId}/chargebacks", new FormUrlEncodedContent([]))).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == paymentId).Status == PaymentStatus.ChargedBack, "the chargeback is applied");
        await using var after = _t.App.CreateDbContext();
        var reopened = await after.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal((InvoiceStatus.Open, 4_000L), (reopened.Status, reopened.StillToPayMinor));
        Assert.Equal(CreditRequestStatus.Open, (await after.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId)).Status);
        Assert.Equal(0, (await after.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor);
    }
}
