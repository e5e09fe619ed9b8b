using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>A credit note with its lines; with <c>clientId</c>, only when it is that client's (portal), else null.</summary>
public sealed class GetCreditNote(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<CreditNoteView?> HandleAsync(int id, int? clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var note = await db.CreditNotes.AsNoTracking()
            .SingleOrDefaultAsync(n => n.Id == id && (clientId == null || n.ClientId == clientId), cancellationToken);
        return note is null ? null : CreditNoteView.From(note);
    }
}
