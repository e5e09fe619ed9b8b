using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The lines table (headings repeated on every page, descriptions wrapped inside their column) and the totals with VAT per rate.</summary>
internal sealed partial class InvoicePdfLayout
{
    // A property, not a field: the headings are read in the language the document is rendered in.
    private static PdfTable LinesTable => new(
        [Margin, 300, 350, 425, 465],
        [DocumentText.ColumnDescription, DocumentText.ColumnQuantity, DocumentText.ColumnUnitPrice, DocumentText.ColumnVat, SharedText.Total],
        [false, true, true, true, true]);

    private void LineRow(InvoiceLineView line) =>
        Row([line.Description, line.Quantity.ToString("0.###", Culture), Figure(line.UnitPrice), Percent(line.TaxRatePercent), Figure(line.Total)]);

    /// <summary>The shared net, VAT per rate and total; once issued, what was paid and what is still to pay.</summary>
    private void InvoiceTotals(InvoiceView invoice)
    {
        var perRate = invoice.Lines.GroupBy(l => l.TaxRatePercent).Select(rate =>
            (rate.Key, new Money(rate.Sum(l => l.Net.Minor), invoice.Net.Currency), new Money(rate.Sum(l => l.Tax.Minor), invoice.Net.Currency)));
        var rows = VatTotals(invoice.Net, perRate, invoice.Total);
        if (invoice.Status != InvoiceStatus.Draft)
        {
            rows.Add((DocumentText.Paid, Amount(invoice.AmountPaid), false));
            rows.Add((SharedText.StillToPay, Amount(invoice.StillToPay), true));
        }
        Totals(rows);
    }
}
