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
        var companyLines = new[] { model.CompanyName, model.CompanyAddress, model.CompanyEmail, Labelled("VAT", model.CompanyVatNumber) };
        BlockAt(companyLines, Margin, 240, bold: model.CompanyName);
        var companyBottom = _y;
        _y = top;
        BlockAt(
        [
            Labelled("Number", invoice.Number ?? "Draft"),
            Labelled("Issued", invoice.IssuedOn?.ToString("d MMM yyyy", Culture) ?? "not yet issued"),
            Labelled("Due", invoice.DueDate.ToString("d MMM yyyy", Culture)),
            Labelled("Status", invoice.Status.ToString()),
        ], 340, PageWidth - Margin - 340);
        _y = Math.Max(_y, companyBottom) + 14;
        Text("Bill to", _bold, Margin, 300);
        BlockAt([model.ClientName, model.ClientEmail], Margin, 300);
        _y += 14;

        TableHeader();
        foreach (var line in invoice.Lines)
        {
            LineRow(line);
        }
        _y += 8;
        Totals(invoice);
        _y += 16;
        PaymentInstructions(invoice);
    }

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

    private void Totals(InvoiceView invoice)
    {
        var rows = new List<(string Label, string Value, bool Bold)>
        {
            ("Net", Amount(invoice.Net), false),
            ("Tax", Amount(invoice.Tax), false),
            ("Total", Amount(invoice.Total), true),
        };
        if (invoice.Status != InvoiceStatus.Draft)
        {
            rows.Add(("Paid", Amount(invoice.AmountPaid), false));
            rows.Add(("Still to pay", Amount(invoice.StillToPay), true));
        }
        EnsureSpace(rows.Count * LineHeight(_bold));
        foreach (var (label, value, bold) in rows)
        {
            var font = bold ? _bold : _regular;
            Gfx.DrawString(label, font, XBrushes.Black, new XRect(300, _y, 155, LineHeight(font)), XStringFormats.TopRight);
            Gfx.DrawString(value, font, XBrushes.Black, new XRect(465, _y, PageWidth - Margin - 465, LineHeight(font)), XStringFormats.TopRight);
            _y += LineHeight(font);
        }
    }

    private void PaymentInstructions(InvoiceView invoice)
    {
        if (invoice.Status is InvoiceStatus.Void)
        {
            Text("This invoice is void; nothing is owed on it.", _bold, Margin, PageWidth - 2 * Margin);
            return;
        }
        if (!invoice.StillToPay.IsPositive && invoice.Status != InvoiceStatus.Draft)
        {
            Text("Paid in full — thank you.", _bold, Margin, PageWidth - 2 * Margin);
            return;
        }
        Text("How to pay", _bold, Margin, PageWidth - 2 * Margin);
        var reference = invoice.Number ?? "the invoice number";
        Text($"Please pay {Amount(invoice.Status == InvoiceStatus.Draft ? invoice.Total : invoice.StillToPay)} by {invoice.DueDate.ToString("d MMM yyyy", Culture)}, quoting {reference}.",
            _regular, Margin, PageWidth - 2 * Margin);
        if (model.PaymentLink.Length > 0)
        {
            Text("View and pay this invoice online:", _regular, Margin, PageWidth - 2 * Margin);
            WebLink(model.PaymentLink);
        }
        if (!string.IsNullOrWhiteSpace(model.CompanyEmail))
        {
            Text($"Questions? Write to {model.CompanyEmail}.", _regular, Margin, PageWidth - 2 * Margin);
        }
    }

    /// <summary>The address as text a person can type, and as a link a PDF reader opens.</summary>
    private void WebLink(string url)
    {
        EnsureSpace(2 * LineHeight(_regular));
        var top = _y;
        Text(url, _regular, Margin, PageWidth - 2 * Margin);
        var area = Gfx.Transformer.WorldToDefaultPage(new XRect(Margin, top, PageWidth - 2 * Margin, _y - top));
        _page!.AddWebLink(new PdfRectangle(area), url);
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
