using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>Numbers new credit notes inside the transaction that made them (gapless, <see cref="InvoiceNumbering"/>) and adds them.</summary>
public static class CreditNoteNumbers
{
    public static async Task AddNumberedAsync(InvoiceHubDbContext db, IEnumerable<CreditNote> notes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var note in notes)
        {
            note.AssignNumber(await InvoiceNumbering.NextCreditNoteAsync(db, today.Year, cancellationToken), today);
            db.CreditNotes.Add(note);
        }
    }
}
