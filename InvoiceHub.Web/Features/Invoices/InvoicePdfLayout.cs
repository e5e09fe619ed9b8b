using InvoiceHub.Web.Features.Pdf;
using PdfSharp.Pdf;
using InvoiceHub.Web.Resources;

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
            Labelled(DocumentText.Number, invoice.Number ?? DocumentText.Draft),
            Labelled(DocumentText.Issued, issued ?? DocumentText.NotYetIssued),
            Labelled(DocumentText.DateOfSupply, issued),
            Labelled(DocumentText.Due, Day(invoice.DueDate)),
            Labelled(DocumentText.Status, StatusName(invoice.Status)),
        ], DocumentText.BillTo, model.Client);

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

    private static string StatusName(InvoiceHub.Domain.Invoices.InvoiceStatus status) => status switch
    {
        InvoiceHub.Domain.Invoices.InvoiceStatus.Draft => SharedText.StatusDraft,
        InvoiceHub.Domain.Invoices.InvoiceStatus.Open => SharedText.StatusOpen,
        InvoiceHub.Domain.Invoices.InvoiceStatus.Paid => SharedText.StatusPaid,
        InvoiceHub.Domain.Invoices.InvoiceStatus.Void => SharedText.StatusVoid,
        _ => status.ToString(),
    };
}
