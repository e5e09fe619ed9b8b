using System.Globalization;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>What goes on a credit note PDF: the seller, the client, the credit note and the invoice it credits (number and issue date).</summary>
public sealed record CreditNotePdfModel(InvoicePdfParty Seller, InvoicePdfParty Client, CreditNoteView CreditNote, DateOnly? InvoiceIssuedOn, byte[]? Logo = null)
{
    public string Title => string.Format(CultureInfo.CurrentCulture, DocumentText.CreditNoteTitle, CreditNote.Number, CreditNote.InvoiceNumber);

    public string FileName => $"{CreditNote.Number}.pdf";
}

/// <summary>
/// Renders a credit note as PDF on the shared <see cref="DocumentPdf"/> flow (decision 0024), with the invoice PDF's
/// parties, VAT per rate and totals; it asks for no payment, so it carries no payment section.
/// </summary>
public sealed class CreditNotePdf(IDbContextFactory<InvoiceHubDbContext> dbFactory, PdfLetterhead letterhead)
{
    /// <summary>The PDF of one credit note in its client's language, or null when there is none (or, with <paramref name="clientId"/>, it is another client's).</summary>
    public async Task<(byte[] Content, string FileName)?> RenderAsync(int creditNoteId, int? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var note = await db.CreditNotes.AsNoTracking()
            .SingleOrDefaultAsync(n => n.Id == creditNoteId && (clientId == null || n.ClientId == clientId), cancellationToken);
        if (note is null)
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == note.ClientId)
            .Select(c => new { Party = new InvoicePdfParty(c.Name, c.Address, c.Email, c.VatNumber), c.Language }).SingleAsync(cancellationToken);
        var invoiceIssuedOn = await db.Invoices.AsNoTracking().Where(i => i.Id == note.InvoiceId).Select(i => i.IssuedOn).SingleAsync(cancellationToken);
        var (seller, logo) = await letterhead.GetAsync(cancellationToken);
        var model = new CreditNotePdfModel(seller, client.Party, CreditNoteView.From(note), invoiceIssuedOn, logo);
        using (Languages.Use(client.Language))
        {
            return (Render(model), model.FileName);
        }
    }

    public static byte[] Render(CreditNotePdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DocumentPdf.Render(model.Title, model.Seller.Name, string.Format(CultureInfo.CurrentCulture, DocumentText.SubjectTo, model.Title, model.Client.Name), document => new CreditNotePdfLayout(document, model));
    }
}
