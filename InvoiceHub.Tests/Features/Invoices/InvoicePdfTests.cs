using System.Net;
using System.Text;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.IO;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The invoice PDF: a real PDF that PdfSharp reads back, wrapping long lines across pages, for staff, the owner and the API only.</summary>
public sealed partial class InvoicePdfTests : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;
    private ScreenData _data = null!;

    public async Task InitializeAsync()
    {
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        _data = new ScreenData(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void A_200_line_invoice_with_long_non_latin_descriptions_spans_several_pages()
    {
        var currency = Currency.EUR;
        var lines = Enumerable.Range(1, Invoice.MaxLines).Select(i => new InvoiceLineView(i,
            i % 10 == 0 ? string.Concat(Enumerable.Repeat($"Ωμέγα урок {i} — Größe ", 12)) + new string('x', 150) : $"Lesson {i}",
            1, new Money(1000, currency), 21, new Money(1000, currency), new Money(210, currency), new Money(1210, currency))).ToList();
        var view = new InvoiceView(7, 1, "INV-2026-00042", InvoiceStatus.Open, new DateOnly(2026, 12, 31), new DateOnly(2026, 11, 21),
            new Money(200_000, currency), new Money(42_000, currency), new Money(242_000, currency), new Money(2_000, currency), new Money(240_000, currency),
            lines, []);

        var bytes = InvoicePdf.Render(new InvoicePdfModel(new InvoicePdfParty("Αθήνα Tutoring", "Οδός 1\nAthens", "desk@example.test", "EL123"), new InvoicePdfParty("Пётр Иванов", "", "p@example.test", ""), view, "http://localhost/pay/7"));

        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        // About 50 rows fit a page; 200 lines plus 20 descriptions wrapped over several rows each need at least five.
        Assert.InRange(document.PageCount, 5, 30);
        Assert.Equal("Invoice INV-2026-00042", document.Info.Title);
        Assert.Contains("Пётр Иванов", document.Info.Subject, StringComparison.Ordinal);
        // The font is embedded (subset), so the Greek and Cyrillic glyphs print anywhere.
        Assert.Contains("DejaVu", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "DejaVuSans")]
    [InlineData(true, "DejaVuSans-Bold")]
    public void The_fonts_come_from_the_app_itself_not_from_the_machine(bool bold, string face)
    {
        var resolver = new DejaVuFontResolver();

        var resolved = resolver.ResolveTypeface("Any Family", bold, italic: false);
        var font = resolver.GetFont(resolved!.FaceName);

        Assert.Equal(face, resolved.FaceName);
        // A whole TrueType file (sfnt version 1.0), compiled into InvoiceHub.Web: nothing is read from /usr/share/fonts.
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, font![..4]);
        Assert.True(font.Length > 500_000, $"{face} is only {font.Length} bytes");
        Assert.Contains(typeof(DejaVuFontResolver).Assembly.GetManifestResourceNames(), n => n == $"InvoiceHub.Fonts.{face}.ttf");
    }

    [Fact]
    public async Task An_invoice_pdf_downloads_with_the_app_in_production_and_no_pdf_setting()
    {
        // Production reads no appsettings.Development.json: nothing about PDFs is configured, no font is installed by
        // the test, and the PDF must still come (PdfSharp 6.2 is MIT; DejaVu Sans ships inside the app).
        await using var production = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Environment = "Production",
            SeedDemoData = true,
            Settings = new Dictionary<string, string?> { ["Mollie:ApiKey"] = "test_production_pdf" },
        });
        var data = new ScreenData(production);
        var invoice = await data.OpenInvoiceAsync(await data.CreateClientAsync("Ωμέγα Production Client"), "42.00");

        using var api = production.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ih_dev_key");
        using var response = await api.GetAsync($"/api/v1/invoices/{invoice.Id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText.Extract(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(invoice.Number!, text, StringComparison.Ordinal);
        Assert.Contains("Ωμέγα Production Client", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_portal_owner_and_api_get_the_pdf_and_nobody_else_does()
    {
        int ownClientId;
        await using (var db = _app.CreateDbContext())
        {
            ownClientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }
        var own = await _data.OpenInvoiceAsync(ownClientId, "12.50");
        var otherClient = await _data.CreateClientAsync("Someone Else");
        var other = await _data.OpenInvoiceAsync(otherClient, "99.00");

        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync($"/admin/invoices/{own.Id}/pdf"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var staff = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(staff, DemoUsers.Finance, DemoUsers.Password))
        {
        }
        using (var pdf = await staff.GetAsync($"/admin/invoices/{own.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"{own.Number}.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar ?? pdf.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));
        }

        using var portal = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(portal, DemoUsers.Client, DemoUsers.Password))
        {
        }
        using (var mine = await portal.GetAsync($"/portal/invoices/{own.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            using var document = PdfReader.Open(await mine.Content.ReadAsStreamAsync(), PdfDocumentOpenMode.Import);
            Assert.Equal($"Invoice {own.Number}", document.Info.Title);
        }
        using (var theirs = await portal.GetAsync($"/portal/invoices/{other.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }
        using (var staffOnly = await portal.GetAsync($"/admin/invoices/{own.Id}/pdf"))
        {
            Assert.NotEqual(HttpStatusCode.OK, staffOnly.StatusCode);
        }

        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ih_dev_key");
        using (var viaApi = await api.GetAsync($"/api/v1/invoices/{other.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
            Assert.Equal("application/pdf", viaApi.Content.Headers.ContentType?.MediaType);
        }
        using (var missing = await api.GetAsync("/api/v1/invoices/999999/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
    }
}
