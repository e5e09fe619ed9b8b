using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>An invoice's credit notes as entries of its timeline: number, amount, reason and where paid money went.</summary>
public static class CreditNoteTimeline
{
    public static async Task<IEnumerable<TimelineEntry>> ForInvoiceAsync(InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notes = await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == invoiceId)
            .Select(n => new { n.CreatedAt, n.Number, n.TotalMinor, n.Currency, n.Reason, n.ToBalanceMinor, n.ToPayerMinor, n.CreatedBy })
            .ToListAsync(cancellationToken);
        return notes.Select(n => new TimelineEntry(n.CreatedAt, Words.Format(InvoiceText.TimelineCreditNote, n.Number, DocumentTimeline.Amount(n.TotalMinor, n.Currency)),
            string.Join(" ", new[]
            {
                n.Reason is { } reason ? Words.Format(InvoiceText.TimelineReason, reason) : null,
                n.ToBalanceMinor > 0 ? Words.Format(InvoiceText.TimelineWentToBalance, DocumentTimeline.Amount(n.ToBalanceMinor, n.Currency)) : null,
                n.ToPayerMinor > 0 ? Words.Format(InvoiceText.TimelineRefundedToPayer, DocumentTimeline.Amount(n.ToPayerMinor, n.Currency)) : null,
                n.CreatedBy is { } by ? Words.Format(InvoiceText.TimelineBy, by) : null,
            }.Where(part => part is not null))));
    }
}
