using PdfSharp.Drawing;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The lines table: headings repeated on every page, descriptions wrapped inside their column.</summary>
internal sealed partial class InvoicePdfLayout
{
    private static readonly double[] Columns = [Margin, 300, 350, 425, 465]; // description, quantity, unit price, tax %, total

    private void TableHeader()
    {
        EnsureSpace(LineHeight(_bold) * 2);
        Cell("Description", _bold, 0, XStringFormats.TopLeft);
        Cell("Qty", _bold, 1, XStringFormats.TopRight);
        Cell("Unit price", _bold, 2, XStringFormats.TopRight);
        Cell("Tax %", _bold, 3, XStringFormats.TopRight);
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
                Cell(line.TaxRatePercent.ToString("0.##", Culture), _regular, 3, XStringFormats.TopRight);
                Cell(line.Total.ToDecimalString(), _regular, 4, XStringFormats.TopRight);
            }
            _y += height;
        }
        _y += 2;
    }
}
