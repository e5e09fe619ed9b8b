using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using PdfSharp.Drawing;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The lines table (headings repeated on every page, descriptions wrapped inside their column) and the totals with VAT per rate.</summary>
internal sealed partial class InvoicePdfLayout
{
    private static readonly double[] Columns = [Margin, 300, 350, 425, 465]; // description, quantity, unit price, VAT rate, total

    private void TableHeader()
    {
        EnsureSpace(LineHeight(_bold) * 2);
        Cell("Description", _bold, 0, XStringFormats.TopLeft);
        Cell("Qty", _bold, 1, XStringFormats.TopRight);
        Cell("Unit price", _bold, 2, XStringFormats.TopRight);
        Cell("VAT", _bold, 3, XStringFormats.TopRight);
        Cell("Total", _bold, 4, XStringFormats.TopRight);
        _y += LineHeight(_bold);
        Gfx.DrawLine(XPens.Gray, Margin, _y, PageWidth - Margin, _y);
        _y += 3;
    }

    private void Cell(string text, XFont font, int column, XStringFormat format)
    {
        var x = Columns[column];
        var right = column + 1 < Columns.Length ? Columns[column + 1] - 6 : PageWidth - Margin;
        Gfx.DrawString(text, font, XBrushes.Black, new XRect(x, _y, right - x, LineHeight(font)), format);
    }

    private void LineRow(InvoiceLineView line)
    {
        var rows = Wrap(line.Description, _regular, Columns[1] - 6 - Columns[0]);
        var height = LineHeight(_regular);
        for (var i = 0; i < rows.Count; i++)
        {
            EnsureSpace(height, repeatHeader: true);
            Cell(rows[i], _regular, 0, XStringFormats.TopLeft);
            if (i == 0)
            {
                Cell(line.Quantity.ToString("0.###", Culture), _regular, 1, XStringFormats.TopRight);
                Cell(line.UnitPrice.ToDecimalString(), _regular, 2, XStringFormats.TopRight);
                Cell(Percent(line.TaxRatePercent), _regular, 3, XStringFormats.TopRight);
                Cell(line.Total.ToDecimalString(), _regular, 4, XStringFormats.TopRight);
            }
            _y += height;
        }
        _y += 2;
    }

    /// <summary>
    /// Net, then the VAT of each rate on the net it applies to (art. 226(8) and (10)), then the total; once issued, what was
    /// paid and what is still to pay. Each line's VAT is rounded on its own, so the rates add up to the invoice's VAT.
    /// </summary>
    private void Totals(InvoiceView invoice)
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
        EnsureSpace(rows.Count * LineHeight(_bold));
        foreach (var (label, value, bold) in rows)
        {
            var font = bold ? _bold : _regular;
            Gfx.DrawString(label, font, XBrushes.Black, new XRect(Margin, _y, 455 - Margin, LineHeight(font)), XStringFormats.TopRight);
            Gfx.DrawString(value, font, XBrushes.Black, new XRect(465, _y, PageWidth - Margin - 465, LineHeight(font)), XStringFormats.TopRight);
            _y += LineHeight(font);
        }
    }

    /// <summary>Lines at 0% are taken as exempt supplies (tutoring and medical care often are): the invoice says so (art. 226(11)).</summary>
    private void ExemptionNote(InvoiceView invoice)
    {
        if (invoice.Lines.Any(l => l.TaxRatePercent == 0))
        {
            _y += 6;
            Text("VAT exempt: lines at 0% are exempt supplies under Article 132 of Council Directive 2006/112/EC.", _small, Margin, PageWidth - 2 * Margin);
        }
    }
}
