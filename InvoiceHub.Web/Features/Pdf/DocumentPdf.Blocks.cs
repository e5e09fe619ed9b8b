using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Resources;
using PdfSharp.Drawing;

namespace InvoiceHub.Web.Features.Pdf;

/// <summary>
/// A table's columns: where each starts, its heading and whether it is right-aligned. The first column wraps; the
/// others print on a row's first line.
/// </summary>
internal sealed record PdfTable(double[] Starts, string[] Headings, bool[] RightAligned);

/// <summary>The blocks the document PDFs share: the top of the first page, parties, tables and a column of totals.</summary>
internal abstract partial class DocumentPdf
{
    private const double TotalsLabelRight = 455;
    private const double TotalsValueLeft = 465;

    /// <summary>
    /// The top of the first page: the logo in the top right corner, the heading, the seller on the left and
    /// <paramref name="facts"/> (number, dates …) on the right, then <paramref name="party"/> under <paramref name="partyHeading"/>.
    /// </summary>
    protected void Letterhead(byte[]? logo, InvoicePdfParty seller, IEnumerable<string?> facts, string partyHeading, InvoicePdfParty party)
    {
        NewPage();
        var logoBottom = Logo(logo);
        Text(title, HeadingFont, Margin, ContentWidth);
        Y = Math.Max(Y, logoBottom) + 6;
        var top = Y;
        BlockAt(Party(seller), Margin, 240, bold: seller.Name);
        var sellerBottom = Y;
        Y = top;
        BlockAt(facts, 340, PageWidth - Margin - 340);
        Y = Math.Max(Y, sellerBottom) + 14;
        Text(partyHeading, BoldFont, Margin, 300);
        BlockAt(Party(party), Margin, 300);
        Y += 14;
    }

    /// <summary>A party's block: name, address lines, email and VAT number, the empty ones left out.</summary>
    private static string?[] Party(InvoicePdfParty party) => [party.Name, party.Address, party.Email, Labelled(DocumentText.VatNumber, party.VatNumber)];

    /// <summary>The logo in the top right corner, at most 180 × 60 points; returns where it ends.</summary>
    private double Logo(byte[]? logo)
    {
        if (logo is not { Length: > 0 })
        {
            return Y;
        }
        using var stream = new MemoryStream(logo, writable: false);
        using var image = XImage.FromStream(stream);
        var scale = Math.Min(Math.Min(180 / image.PointWidth, 60 / image.PointHeight), 1);
        var (width, height) = (image.PointWidth * scale, image.PointHeight * scale);
        Gfx.DrawImage(image, PageWidth - Margin - width, Y, width, height);
        return Y + height;
    }

    /// <summary>Starts a table: its headings under a rule, repeated on each page until <see cref="EndTable"/>.</summary>
    protected void BeginTable(PdfTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _openTable = null;
        EnsureSpace(LineHeight(BoldFont) * 2);
        _openTable = table;
        TableHeader(table);
    }

    protected void EndTable() => _openTable = null;

    private void TableHeader(PdfTable table)
    {
        for (var i = 0; i < table.Starts.Length; i++)
        {
            Cell(table, i, table.Headings[i], BoldFont);
        }
        Y += LineHeight(BoldFont);
        Gfx.DrawLine(XPens.Gray, Margin, Y, PageWidth - Margin, Y);
        Y += 3;
    }

    /// <summary>One row of the open table: the first cell wrapped inside its column, the others on the first line.</summary>
    protected void Row(IReadOnlyList<string> cells, XFont? font = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var table = _openTable ?? throw new InvalidOperationException("Begin a table before its rows.");
        font ??= RegularFont;
        var rows = Wrap(cells[0], font, table.Starts[1] - 6 - table.Starts[0]);
        for (var i = 0; i < rows.Count; i++)
        {
            EnsureSpace(LineHeight(font));
            Cell(table, 0, rows[i], font);
            if (i == 0)
            {
                for (var column = 1; column < cells.Count; column++)
                {
                    Cell(table, column, cells[column], font);
                }
            }
            Y += LineHeight(font);
        }
        Y += 2;
    }

    private void Cell(PdfTable table, int column, string text, XFont font)
    {
        var x = table.Starts[column];
        var right = column + 1 < table.Starts.Length ? table.Starts[column + 1] - 6 : PageWidth - Margin;
        var format = table.RightAligned[column] ? XStringFormats.TopRight : XStringFormats.TopLeft;
        Gfx.DrawString(text, font, XBrushes.Black, new XRect(x, Y, right - x, LineHeight(font)), format);
    }

    /// <summary>
    /// Net, then the VAT of each rate on the net it applies to (art. 226(8) and (10)), highest rate first, then the total.
    /// Each line's VAT is rounded on its own, so the rates add up to the document's VAT.
    /// </summary>
    protected static List<(string Label, string Value, bool Bold)> VatTotals(Money net, IEnumerable<(decimal RatePercent, Money Net, Money Tax)> perRate, Money total)
    {
        var rows = new List<(string Label, string Value, bool Bold)> { (DocumentText.Net, Amount(net), false) };
        rows.AddRange(perRate.OrderByDescending(r => r.RatePercent).Select(r => (string.Format(Culture, DocumentText.VatOfRate, Percent(r.RatePercent), Amount(r.Net)), Amount(r.Tax), false)));
        rows.Add((SharedText.Total, Amount(total), true));
        return rows;
    }

    /// <summary>Lines at 0% are taken as exempt supplies (tutoring and medical care often are): the document says so (art. 226(11)).</summary>
    protected void ExemptionNote(IEnumerable<decimal> lineRates)
    {
        ArgumentNullException.ThrowIfNull(lineRates);
        if (lineRates.Any(rate => rate == 0))
        {
            Y += 6;
            Paragraph(DocumentText.VatExempt, SmallFont);
        }
    }

    /// <summary>A rate as a percentage, as art. 226(9) asks: "21%", "5.5%" ("5,5%" in Spanish and Dutch).</summary>
    protected static string Percent(decimal rate) => rate.ToString("0.##", Culture) + "%";

    /// <summary>Labels and amounts right-aligned under the table's last column, kept together on one page.</summary>
    protected void Totals(IReadOnlyCollection<(string Label, string Value, bool Bold)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        EnsureSpace(rows.Count * LineHeight(BoldFont));
        foreach (var (label, value, bold) in rows)
        {
            var font = bold ? BoldFont : RegularFont;
            Gfx.DrawString(label, font, XBrushes.Black, new XRect(Margin, Y, TotalsLabelRight - Margin, LineHeight(font)), XStringFormats.TopRight);
            Gfx.DrawString(value, font, XBrushes.Black, new XRect(TotalsValueLeft, Y, PageWidth - Margin - TotalsValueLeft, LineHeight(font)), XStringFormats.TopRight);
            Y += LineHeight(font);
        }
    }
}
