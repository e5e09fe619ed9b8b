using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>What goes on an invoice PDF: the issuer, the client, the invoice and how to pay it.</summary>
public sealed record InvoicePdfModel(
    string CompanyName,
    string CompanyAddress,
    string CompanyEmail,
    string CompanyVatNumber,
    string ClientName,
    string ClientEmail,
    InvoiceView Invoice,
    string PaymentLink,
    byte[]? Logo = null);

/// <summary>
/// Renders an invoice as PDF with PdfSharp: DejaVu Sans (embedded, so any script DejaVu covers prints), long
/// descriptions wrapped across lines and pages, the column headings repeated on every page.
/// </summary>
public sealed class InvoicePdf(IDbContextFactory<InvoiceHubDbContext> dbFactory, SettingsService settings, Microsoft.Extensions.Options.IOptions<InvoicePdfOptions> options)
{
    private const double Margin = 50;
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double Bottom = PageHeight - Margin;
    private static readonly double[] Columns = [Margin, 300, 350, 425, 465]; // description, quantity, unit price, tax %, total
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The PDF of one invoice, or null when there is no such invoice (or, with <paramref name="clientId"/>, it is not theirs or still a draft).</summary>
    public async Task<(byte[] Content, string FileName)?> RenderAsync(int invoiceId, string paymentLink, int? clientId = null, CancellationToken cancellationToken = default)
    {
        InvoicePdfLicensing.Apply(options.Value);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null || (clientId is { } owner && (invoice.ClientId != owner || invoice.Status == InvoiceStatus.Draft)))
        {
            return null;
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => new { c.Name, c.Email }).SingleAsync(cancellationToken);
        var company = await settings.GetAsync(cancellationToken);
        var model = new InvoicePdfModel(company.CompanyName, company.CompanyAddress, company.CompanyEmail, company.CompanyVatNumber,
            client.Name, client.Email, InvoiceView.From(invoice), paymentLink, (await settings.GetLogoAsync(cancellationToken))?.Content);
        return (Render(model), FileName(model.Invoice));
    }

    public static string FileName(InvoiceView invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return $"{invoice.Number ?? $"draft-{invoice.Id}"}.pdf";
    }

    public static byte[] Render(InvoicePdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        DejaVuFontResolver.EnsureRegistered();
        using var document = new PdfDocument();
        var title = model.Invoice.Number is { } number ? $"Invoice {number}" : $"Draft invoice {model.Invoice.Id}";
        document.Info.Title = title;
        document.Info.Author = model.CompanyName;
        document.Info.Subject = $"{title} for {model.ClientName}";
        new Layout(document, model, title).Draw();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string Amount(Money money) => $"{money.ToDecimalString()} {money.Currency.Code}";

    /// <summary>A cursor down the pages; a new page starts whenever the next block does not fit.</summary>
    private sealed class Layout(PdfDocument document, InvoicePdfModel model, string title)
    {
        private readonly XFont _regular = new(DejaVuFontResolver.Family, 9.5);
        private readonly XFont _bold = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold);
        private readonly XFont _heading = new(DejaVuFontResolver.Family, 18, XFontStyleEx.Bold);
        private readonly XFont _small = new(DejaVuFontResolver.Family, 8);
        private XGraphics? _gfx;
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
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            _gfx = XGraphics.FromPdfPage(page);
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

        private double LineHeight(XFont font) => font.GetHeight() * 1.15;

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
            Text($"View and pay this invoice online: {model.PaymentLink}", _regular, Margin, PageWidth - 2 * Margin);
            if (!string.IsNullOrWhiteSpace(model.CompanyEmail))
            {
                Text($"Questions? Write to {model.CompanyEmail}.", _regular, Margin, PageWidth - 2 * Margin);
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
}

/// <summary>
/// PDFsharp 6.5 (the only version our feed serves) is AGPL-3.0-only or commercial: it renders nothing until a
/// license is chosen. That is a decision for the business, not a default: a commercial key
/// (<c>InvoicePdf:LicenseKey</c>) or an explicit <c>InvoicePdf:AcceptAgplLicense</c> (set for Development and tests only).
/// </summary>
public sealed class InvoicePdfOptions
{
    public const string Section = "InvoicePdf";

    public string? LicenseKey { get; set; }

    public bool AcceptAgplLicense { get; set; }
}

/// <summary>No PDFsharp license has been configured; PDFs cannot be made (the endpoints answer 503 saying so).</summary>
public sealed class InvoicePdfUnlicensedException()
    : InvalidOperationException("Invoice PDFs are switched off: PDFsharp needs a license (set InvoicePdf:LicenseKey, or InvoicePdf:AcceptAgplLicense once the AGPL is accepted).");

public static class InvoicePdfLicensing
{
    private static readonly Lock Gate = new();
    private static bool _applied;

    public static void Apply(InvoicePdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (_applied)
            {
                return;
            }
            if (!string.IsNullOrWhiteSpace(options.LicenseKey))
            {
                PdfSharp.PdfSharpLicense.LoadLicense(options.LicenseKey);
            }
            else if (options.AcceptAgplLicense)
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                throw new InvoicePdfUnlicensedException();
            }
            _applied = true;
        }
    }
}

/// <summary>
/// PdfSharp finds no fonts by itself on Linux: this resolver serves DejaVu Sans from Debian's fonts-dejavu-core
/// (installed by .ci/run), which covers Latin, Greek, Cyrillic and more.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
                _registered = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Invoice PDFs need the DejaVu fonts: install Debian's fonts-dejavu-core ({path} is missing).", path);
        }
        return File.ReadAllBytes(path);
    }
}
