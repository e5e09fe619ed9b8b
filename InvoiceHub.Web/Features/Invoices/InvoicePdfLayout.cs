using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>
/// The invoice's pages: a cursor down the pages, a new page whenever the next block does not fit. This file holds
/// the page flow, the blocks above and below the lines and the word wrap; the lines table is in InvoicePdfLayout.Table.cs.
/// </summary>
internal sealed partial class InvoicePdfLayout(PdfDocument document, InvoicePdfModel model, string title)
{
    private const double Margin = 50;
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double Bottom = PageHeight - Margin;
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    private readonly XFont _regular = new(DejaVuFontResolver.Family, 9.5);
    private readonly XFont _bold = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont _heading = new(DejaVuFontResolver.Family, 18, XFontStyleEx.Bold);
    private readonly XFont _small = new(DejaVuFontResolver.Family, 8);
    private XGraphics? _gfx;
    private PdfPage? _page;
    private double _y;
    private int _pages;

    private XGraphics Gfx => _gfx!;

    public void Draw()
    {
        NewPage();
        var invoice = model.Invoice;
        var logoBottom = Logo();
        Text(title, _heading, Margin, PageWidth - 2 * Margin);
        _y = Math.Max(_y, logoBottom) + 6;
        var top = _y;
        BlockAt(Party(model.Seller), Margin, 240, bold: model.Seller.Name);
        var sellerBottom = _y;
        _y = top;
        var issued = invoice.IssuedOn?.ToString("d MMM yyyy", Culture);
        BlockAt(
        [
            Labelled("Number", invoice.Number ?? "Draft"),
            Labelled("Issued", issued ?? "not yet issued"),
            Labelled("Date of supply", issued),
            Labelled("Due", invoice.DueDate.ToString("d MMM yyyy", Culture)),
            Labelled("Status", invoice.Status.ToString()),
        ], 340, PageWidth - Margin - 340);
        _y = Math.Max(_y, sellerBottom) + 14;
        Text("Bill to", _bold, Margin, 300);
        BlockAt(Party(model.Client), Margin, 300);
        _y += 14;

        TableHeader();
        foreach (var line in invoice.Lines)
        {
            LineRow(line);
        }
        _y += 8;
        Totals(invoice);
        ExemptionNote(invoice);
        _y += 16;
        PaymentInstructions(invoice);
    }

    /// <summary>A party's block: name, address lines, email and VAT number, the empty ones left out.</summary>
    private static string?[] Party(InvoicePdfParty party) => [party.Name, party.Address, party.Email, Labelled("VAT number", party.VatNumber)];

    /// <summary>A rate as a percentage, as art. 226(9) asks: "21%", "5.5%".</summary>
    private static string Percent(decimal rate) => rate.ToString("0.##", Culture) + "%";

    private static string Amount(Money money) => $"{money.ToDecimalString()} {money.Currency.Code}";

    /// <summary>The logo in the top right corner, at most 180 × 60 points; returns where it ends.</summary>
    private double Logo()
    {
        if (model.Logo is not { Length: > 0 } logo)
        {
            return _y;
        }
        using var stream = new MemoryStream(logo, writable: false);
        using var image = XImage.FromStream(stream);
        var scale = Math.Min(Math.Min(180 / image.PointWidth, 60 / image.PointHeight), 1);
        var (width, height) = (image.PointWidth * scale, image.PointHeight * scale);
        Gfx.DrawImage(image, PageWidth - Margin - width, _y, width, height);
        return _y + height;
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = document.AddPage();
        _page.Width = XUnit.FromPoint(PageWidth);
        _page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(_page);
        _pages++;
        _y = Margin;
        if (_pages > 1)
        {
            Gfx.DrawString($"{title} — page {_pages}", _small, XBrushes.Gray, new XRect(Margin, Margin - 20, PageWidth - 2 * Margin, 12), XStringFormats.TopLeft);
        }
    }

    private void EnsureSpace(double height, bool repeatHeader = false)
    {
        if (_y + height <= Bottom)
        {
            return;
        }
        NewPage();
        if (repeatHeader)
        {
            TableHeader();
        }
    }

    private static double LineHeight(XFont font) => font.GetHeight() * 1.15;

    private void Text(string text, XFont font, double x, double width)
    {
        foreach (var row in Wrap(text, font, width))
        {
            EnsureSpace(LineHeight(font));
            Gfx.DrawString(row, font, XBrushes.Black, new XRect(x, _y, width, LineHeight(font)), XStringFormats.TopLeft);
            _y += LineHeight(font);
        }
    }

    private void BlockAt(IEnumerable<string?> lines, double x, double width, string? bold = null)
    {
        foreach (var text in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            foreach (var part in text!.Split('\n'))
            {
                Text(part.TrimEnd('\r'), text == bold ? _bold : _regular, x, width);
            }
        }
    }

    private static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    /// <summary>Breaks text into rows that fit <paramref name="width"/>: at spaces, and inside words longer than a row.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var rows = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Gfx.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                {
                    rows.Add(current);
                }
                current = word;
                while (Gfx.MeasureString(current, font).Width > width && current.Length > 1)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && Gfx.MeasureString(current[..fit], font).Width > width)
                    {
                        fit--;
                    }
                    rows.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            rows.Add(current);
        }
        return rows;
    }
}
