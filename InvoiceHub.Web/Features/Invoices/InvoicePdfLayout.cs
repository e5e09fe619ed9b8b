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
        ExemptionNote(invoice);
        Y += 16;
        PaymentInstructions(invoice);
    }

    /// <summary>A rate as a percentage, as art. 226(9) asks: "21%", "5.5%".</summary>
    private static string Percent(decimal rate) => rate.ToString("0.##", Culture) + "%";
}
