using InvoiceHub.Web.Features.Pdf;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.CreditNotes;

/// <summary>
/// A credit note's pages: the letterhead naming the credited invoice (art. 219 of Directive 2006/112/EC: a document that
/// amends an invoice refers to it specifically), the lines credited at their rates, net, VAT per rate and total.
/// </summary>
internal sealed class CreditNotePdfLayout(PdfDocument document, CreditNotePdfModel model) : DocumentPdf(document, model.Title)
{
    private static readonly PdfTable LinesTable = new(
        [Margin, 300, 345, 415, 480],
        ["Credited", "Rate", "Net", "VAT", "Total"],
        [false, true, true, true, true]);

    public override void Draw()
    {
        var note = model.CreditNote;
        Letterhead(model.Logo, model.Seller,
        [
            Labelled("Number", note.Number),
            Labelled("Issued", Day(note.IssuedOn)),
            Labelled("Credits invoice", note.InvoiceNumber),
            Labelled("Invoice issued", model.InvoiceIssuedOn is { } on ? Day(on) : null),
        ], "Credit to", model.Client);

        Paragraph($"This credit note takes back {Amount(note.Total)} of invoice {note.InvoiceNumber}.");
        if (note.Reason is { } reason)
        {
            Paragraph($"Reason: {reason}");
        }

        Y += 10;
        BeginTable(LinesTable);
        foreach (var line in note.Lines)
        {
            Row([$"Line {line.InvoiceLinePosition}: {line.Description}", Percent(line.TaxRatePercent), line.Net.ToDecimalString(), line.Tax.ToDecimalString(), line.Total.ToDecimalString()]);
        }

        EndTable();
        Y += 8;
        Totals(VatTotals(note.Net, note.VatPerRate.Select(v => (v.RatePercent, v.Net, v.Tax)), note.Total));
        ExemptionNote(note.Lines.Select(l => l.TaxRatePercent));
        Y += 16;
        Paragraph(Settled(note));
        Paragraph("Nothing is to be paid on this credit note.");
        if (!string.IsNullOrWhiteSpace(model.Seller.Email))
        {
            Paragraph($"Questions? Write to {model.Seller.Email}.");
        }
    }

    /// <summary>Where money already paid beyond what the invoice now owes went; nothing is asked of the client.</summary>
    private static string Settled(CreditNoteView note)
    {
        var parts = new List<string>();
        if (note.ToPayer.IsPositive)
        {
            parts.Add($"{Amount(note.ToPayer)} is refunded to you");
        }

        if (note.ToBalance.IsPositive)
        {
            parts.Add($"{Amount(note.ToBalance)} is added to your balance");
        }

        return parts.Count == 0
            ? $"The amount credited lowers what invoice {note.InvoiceNumber} asks for."
            : $"Of what was already paid on invoice {note.InvoiceNumber}, {string.Join(" and ", parts)}.";
    }
}
