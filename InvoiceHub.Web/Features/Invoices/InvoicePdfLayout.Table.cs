using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Features.Pdf;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The lines table (headings repeated on every page, descriptions wrapped inside their column) and the totals with VAT per rate.</summary>
internal sealed partial class InvoicePdfLayout
{
    private static readonly PdfTable LinesTable = new(
        [Margin, 300, 350, 425, 465],
        ["Description", "Qty", "Unit price", "VAT", "Total"],
        [false, true, true, true, true]);

    private void LineRow(InvoiceLineView line) =>
        Row([line.Description, line.Quantity.ToString("0.###", Culture), line.UnitPrice.ToDecimalString(), Percent(line.TaxRatePercent), line.Total.ToDecimalString()]);

    /// <summary>
    /// Net, then the VAT of each rate on the net it applies to (art. 226(8) and (10)), then the total; once issued, what was
    /// paid and what is still to pay. Each line's VAT is rounded on its own, so the rates add up to the invoice's VAT.
    /// </summary>
    private void InvoiceTotals(InvoiceView invoice)
    {
        var rows = new List<(string Label, string Value, bool Bold)> { ("Net", Amount(invoice.Net), false) };
        foreach (var rate in invoice.Lines.GroupBy(l => l.TaxRatePercent).OrderByDescending(g => g.Key))
        {
            var net = new Money(rate.Sum(l => l.Net.Minor), invoice.Net.Currency);
            var tax = new Money(rate.Sum(l => l.Tax.Minor), invoice.Net.Currency);
            rows.Add(($"VAT {Percent(rate.Key)} of {Amount(net)}", Amount(tax), false));
        }
        rows.Add(("Total", Amount(invoice.Total), true));
        if (invoice.Status != InvoiceStatus.Draft)
        {
            rows.Add(("Paid", Amount(invoice.AmountPaid), false));
            rows.Add(("Still to pay", Amount(invoice.StillToPay), true));
        }
        Totals(rows);
    }

    /// <summary>Lines at 0% are taken as exempt supplies (tutoring and medical care often are): the invoice says so (art. 226(11)).</summary>
    private void ExemptionNote(InvoiceView invoice)
    {
        if (invoice.Lines.Any(l => l.TaxRatePercent == 0))
        {
            Y += 6;
            Paragraph("VAT exempt: lines at 0% are exempt supplies under Article 132 of Council Directive 2006/112/EC.", SmallFont);
        }
    }
}
