using InvoiceHub.Web.Features.Pdf;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// The invoice's pages on the shared <see cref="DocumentPdf"/> flow: the letterhead with the invoice's facts, the lines
/// table and totals (InvoicePdfLayout.Table.cs) and how to pay (InvoicePdfLayout.Payment.cs).
/// </summary>
internal sealed partial class InvoicePdfLayout(PdfDocument document, InvoicePdfModel model, string title) : DocumentPdf(document, title)
{
    public override void Draw()
    {
        var invoice = model.Invoice;
        var issued = invoice.IssuedOn is { } on ? Day(on) : null;
        Letterhead(model.Logo, model.Seller,
        [
            Labelled("Number", invoice.Number ?? "Draft"),
            Labelled("Issued", issued ?? "not yet issued"),
            Labelled("Date of supply", issued),
            Labelled("Due", Day(invoice.DueDate)),
            Labelled("Status", invoice.Status.ToString()),
        ], "Bill to", model.Client);

        BeginTable(LinesTable);
        foreach (var line in invoice.Lines)
        {
            LineRow(line);
        }
        EndTable();
        Y += 8;
        InvoiceTotals(invoice);
        ExemptionNote(invoice.Lines.Select(l => l.TaxRatePercent));
        Y += 16;
        PaymentInstructions(invoice);
    }
}
