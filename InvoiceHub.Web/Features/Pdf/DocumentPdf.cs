using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Pdf;

/// <summary>
/// What every document PDF shares (invoice, receipt, statement): A4 pages in DejaVu Sans (decision 0016), a cursor down
/// the pages that starts a new page whenever the next block does not fit, word wrap, and the blocks of
/// DocumentPdf.Blocks.cs (logo, heading, parties, tables, totals). A layout derives from it and draws its own content.
/// </summary>
internal abstract partial class DocumentPdf(PdfDocument document, string title)
{
    protected const double Margin = 50;
    protected const double PageWidth = 595; // A4 in points
    protected const double PageHeight = 842;
    protected const double Bottom = PageHeight - Margin;
    protected const double ContentWidth = PageWidth - 2 * Margin;

    /// <summary>The culture the document is written in: its reader's (<c>Languages.Use(client.Language)</c> around the rendering).</summary>
    protected static CultureInfo Culture => CultureInfo.CurrentCulture;

    private XGraphics? _gfx;
    private PdfPage? _page;
    private int _pages;
    private PdfTable? _openTable;

    // Unicode (Identity-H) fonts: the ANSI encoding draws € from code 0x80 but writes a ToUnicode map that reads it back
    // as U+0080, so copying an amount out of the PDF (or a screen reader) lost the currency sign.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    protected XFont RegularFont { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular, Unicode);

    protected XFont BoldFont { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold, Unicode);

    protected XFont HeadingFont { get; } = new(DejaVuFontResolver.Family, 18, XFontStyleEx.Bold, Unicode);

    protected XFont SmallFont { get; } = new(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular, Unicode);

    /// <summary>Where the next block starts, in points from the top of the current page.</summary>
    protected double Y { get; set; }

    protected XGraphics Gfx => _gfx!;

    protected PdfPage Page => _page!;

    /// <summary>Renders one document: the layout that <paramref name="layout"/> makes draws its pages, the file's properties are set.</summary>
    public static byte[] Render(string title, string author, string subject, Func<PdfDocument, DocumentPdf> layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        DejaVuFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Subject = subject;
        layout(document).Draw();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public abstract void Draw();

    protected static string Amount(Money money) => Display.Money(money);

    /// <summary>An amount without its currency, for a table's column (the currency is in the totals): "1234.56", "1234,56".</summary>
    protected static string Figure(Money money)
    {
        var digits = (money.Currency ?? Currency.EUR).MinorDigits;
        return (money.Minor / (decimal)Math.Pow(10, digits)).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), Culture);
    }

    protected static string Day(DateOnly date) => Display.Date(date);

    protected static string? Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? null : $"{label}: {value}";

    protected static double LineHeight(XFont font) => font.GetHeight() * 1.15;

    protected void NewPage()
    {
        _gfx?.Dispose();
        _page = document.AddPage();
        _page.Width = XUnit.FromPoint(PageWidth);
        _page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(_page);
        _pages++;
        Y = Margin;
        if (_pages > 1)
        {
            Gfx.DrawString(string.Format(Culture, DocumentText.PageNumber, title, _pages), SmallFont, XBrushes.Gray, new XRect(Margin, Margin - 20, ContentWidth, 12), XStringFormats.TopLeft);
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits; inside a table the new page repeats its headings.</summary>
    protected void EnsureSpace(double height)
    {
        if (Y + height <= Bottom)
        {
            return;
        }
        NewPage();
        if (_openTable is { } table)
        {
            TableHeader(table);
        }
    }

    protected void Text(string text, XFont font, double x, double width)
    {
        foreach (var row in Wrap(text, font, width))
        {
            EnsureSpace(LineHeight(font));
            Gfx.DrawString(row, font, XBrushes.Black, new XRect(x, Y, width, LineHeight(font)), XStringFormats.TopLeft);
            Y += LineHeight(font);
        }
    }

    /// <summary>A paragraph across the page.</summary>
    protected void Paragraph(string text, XFont? font = null) => Text(text, font ?? RegularFont, Margin, ContentWidth);

    protected void BlockAt(IEnumerable<string?> lines, double x, double width, string? bold = null)
    {
        foreach (var text in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            foreach (var part in text!.Split('\n'))
            {
                Text(part.TrimEnd('\r'), text == bold ? BoldFont : RegularFont, x, width);
            }
        }
    }

    /// <summary>Breaks text into rows that fit <paramref name="width"/>: at spaces, and inside words longer than a row.</summary>
    protected List<string> Wrap(string text, XFont font, double width)
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
