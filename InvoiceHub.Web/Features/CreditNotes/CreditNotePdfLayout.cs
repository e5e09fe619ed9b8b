using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Resources;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>
/// A credit note's pages: the letterhead naming the credited invoice (art. 219 of Directive 2006/112/EC: a document that
/// amends an invoice refers to it specifically), the lines credited at their rates, net, VAT per rate and total.
/// </summary>
internal sealed class CreditNotePdfLayout(PdfDocument document, CreditNotePdfModel model) : DocumentPdf(document, model.Title)
{
    // A property, not a field: the headings are read in the language the credit note is rendered in.
    private static PdfTable LinesTable => new(
        [Margin, 300, 345, 415, 480],
        [DocumentText.ColumnCredited, DocumentText.ColumnRate, DocumentText.Net, DocumentText.ColumnVat, SharedText.Total],
        [false, true, true, true, true]);

    public override void Draw()
    {
        var note = model.CreditNote;
        Letterhead(model.Logo, model.Seller,
        [
            Labelled(DocumentText.Number, note.Number),
            Labelled(DocumentText.Issued, Day(note.IssuedOn)),
            Labelled(DocumentText.CreditsInvoice, note.InvoiceNumber),
            Labelled(DocumentText.InvoiceIssued, model.InvoiceIssuedOn is { } on ? Day(on) : null),
        ], DocumentText.CreditTo, model.Client);

        Paragraph(string.Format(Culture, DocumentText.CreditNoteTakesBack, Amount(note.Total), note.InvoiceNumber));
        if (note.Reason is { } reason)
        {
            Paragraph(string.Format(Culture, DocumentText.Reason, reason));
        }

        Y += 10;
        BeginTable(LinesTable);
        foreach (var line in note.Lines)
        {
            Row([string.Format(Culture, DocumentText.LineOf, line.InvoiceLinePosition, line.Description), Percent(line.TaxRatePercent), Figure(line.Net), Figure(line.Tax), Figure(line.Total)]);
        }

        EndTable();
        Y += 8;
        Totals(VatTotals(note.Net, note.VatPerRate.Select(v => (v.RatePercent, v.Net, v.Tax)), note.Total));
        ExemptionNote(note.Lines.Select(l => l.TaxRatePercent));
        Y += 16;
        Paragraph(Settled(note));
        Paragraph(DocumentText.NothingToPayOnCreditNote);
        if (!string.IsNullOrWhiteSpace(model.Seller.Email))
        {
            Paragraph(string.Format(Culture, DocumentText.QuestionsWriteTo, model.Seller.Email));
        }
    }

    /// <summary>Where money already paid beyond what the invoice now owes went; nothing is asked of the client.</summary>
    private static string Settled(CreditNoteView note)
    {
        var parts = new List<string>();
        if (note.ToPayer.IsPositive)
        {
            parts.Add(string.Format(Culture, DocumentText.RefundedToYouAmount, Amount(note.ToPayer)));
        }

        if (note.ToBalance.IsPositive)
        {
            parts.Add(string.Format(Culture, DocumentText.AddedToYourBalanceAmount, Amount(note.ToBalance)));
        }

        return parts.Count switch
        {
            0 => string.Format(Culture, DocumentText.CreditLowersInvoice, note.InvoiceNumber),
            1 => string.Format(Culture, DocumentText.AlreadyPaidOnInvoice, note.InvoiceNumber, parts[0]),
            _ => string.Format(Culture, DocumentText.AlreadyPaidOnInvoice, note.InvoiceNumber, string.Format(Culture, DocumentText.BothParts, parts[0], parts[1])),
        };
    }
}
