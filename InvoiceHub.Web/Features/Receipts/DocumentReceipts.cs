using InvoiceHub.Domain.Clients;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>A settled payment of one document, with the receipt the client may download.</summary>
public sealed record DocumentReceipt(int PaymentId, DateOnly PaidOn, long AmountMinor, string Currency);

/// <summary>The recorded payments that paid one of a client's documents (never another client's): an invoice through its allocations, a credit request through its ledger entry.</summary>
public sealed class DocumentReceipts(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DocumentReceipt>> ForAsync(PayableKind kind, int documentId, int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var paymentIds = kind == PayableKind.Invoice
            ? db.Allocations.Where(a => EF.Property<int>(a, "InvoiceId") == documentId && a.PaymentId != null && a.AmountMinor > 0).Select(a => a.PaymentId!.Value)
            : db.BalanceEntries.Where(e => e.CreditRequestId == documentId && e.Kind == BalanceEntryKind.CreditRequestPaid && e.PaymentId != null).Select(e => e.PaymentId!.Value);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.ClientId == clientId && p.RecordedAt != null && paymentIds.Contains(p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.ReceivedOn, p.PaidAt, p.AmountMinor, p.Currency })
            .ToListAsync(cancellationToken);
        return payments.Select(p => new DocumentReceipt(p.Id, p.ReceivedOn ?? DateOnly.FromDateTime(p.PaidAt!.Value.UtcDateTime), p.AmountMinor, p.Currency.Code)).ToList();
    }
}
