using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>What a chargeback of one payment reads, tracked, inside its money transaction (the client row already locked).</summary>
internal sealed record ChargebackState(
    Payment Payment,
    Client Client,
    List<Invoice> PaidInvoices,
    List<Invoice> CreditPaidInvoices,
    long LedgerMinor,
    List<CreditRequest> CreditRequests)
{
    public static async Task<ChargebackState> LoadAsync(InvoiceHubDbContext db, int paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
        var client = await db.Clients.SingleAsync(c => c.Id == payment.ClientId, ct);
        var paid = await db.Invoices.Include(i => i.Allocations)
            .Where(i => i.Allocations.Any(a => a.PaymentId == paymentId)).ToListAsync(ct);
        // Only invoices still holding credit can give it back; EF returns the already tracked ones for both lists.
        var creditPaid = await db.Invoices.Include(i => i.Allocations)
            .Where(i => i.ClientId == client.Id && i.Status != InvoiceStatus.Void && i.Allocations.Any(a => a.Source == AllocationSource.Balance && a.VoidedAt == null))
            .ToListAsync(ct);
        var ledger = await db.BalanceEntries.Where(e => e.PaymentId == paymentId).SumAsync(e => (long?)e.AmountMinor, ct) ?? 0;
        // The credit requests it was made for: its own, and those a payment for several documents covered (a chargeback
        // that reopened one cleared its PaymentId, the payment's documents still list it for the reversal).
        var requestId = payment.CreditRequestId;
        var requests = await db.CreditRequests
            .Where(r => r.Id == requestId || r.PaymentId == paymentId
                        || db.PaymentDocuments.Any(d => d.PaymentId == paymentId && d.Kind == PayableKind.CreditRequest && d.DocumentId == r.Id))
            .ToListAsync(ct);
        return new ChargebackState(payment, client, paid, creditPaid, ledger, requests);
    }
}
