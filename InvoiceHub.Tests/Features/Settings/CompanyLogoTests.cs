using System.Net;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace InvoiceHub.Tests.Features.Settings;

/// <summary>The company logo: only real PNG/JPEG within the size limit is stored; it appears on the invoice PDF and in email headers.</summary>
public sealed class CompanyLogoTests : IAsyncLifetime
{
    /// <summary>A valid 1 × 1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private InvoiceHubFactory _app = null!;

    public async Task InitializeAsync() => _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Validation_accepts_png_and_refuses_other_types_too_big_and_unreadable_files()
    {
        var png = CompanyLogo.Validate(Png, out var error);
        Assert.Null(error);
        Assert.Equal(CompanyLogo.Png, png!.ContentType);

        Assert.Null(CompanyLogo.Validate("GIF89a not a logo"u8.ToArray(), out error));
        Assert.Equal("Upload the logo as a PNG or JPEG image.", error);

        Assert.Null(CompanyLogo.Validate(new byte[CompanyLogo.MaxBytes + 1], out error));
        Assert.StartsWith("The logo is 200.1 KB; it may be at most 200 KB", error, StringComparison.Ordinal);

        Assert.Null(CompanyLogo.Validate([.. Png.Take(16), .. new byte[40]], out error));
        Assert.Contains("cannot be read as an image", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoice_pdf_carries_the_company_name_and_the_logo_as_an_image_xobject()
    {
        var data = new ScreenData(_app);
        var clientId = await data.CreateClientAsync("Logo Lena");
        var invoice = await data.OpenInvoiceAsync(clientId, "30.00");
        var settings = _app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync((await settings.GetAsync()) with { CompanyName = "Lighthouse Tutoring BV" }, "test");
        var pdf = _app.Services.GetRequiredService<InvoicePdf>();

        var without = (await pdf.RenderAsync(invoice.Id, _ => Task.FromResult("http://localhost/pay/x")))!.Value.Content;
        Assert.Equal(0, Images(without));

        await settings.SetLogoAsync(CompanyLogo.Validate(Png, out _), "test");
        var with = (await pdf.RenderAsync(invoice.Id, _ => Task.FromResult("http://localhost/pay/x")))!.Value.Content;
        Assert.Equal(1, Images(with));
        using var document = PdfReader.Open(new MemoryStream(with), PdfDocumentOpenMode.Import);
        Assert.Equal("Lighthouse Tutoring BV", document.Info.Author);
    }

    [Fact]
    public async Task Emails_start_with_the_company_header_and_the_logo_address_serves_it()
    {
        var settings = _app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync((await settings.GetAsync()) with { CompanyName = "Harbour <Clinic>", CompanyVatNumber = "NL001" }, "test");
        using var http = _app.CreateClient();
        using (var none = await http.GetAsync("/company-logo"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
        await settings.SetLogoAsync(CompanyLogo.Validate(Png, out _), "test");

        var data = new ScreenData(_app);
        var email = $"{Guid.NewGuid():N}@example.test";
        var invoice = await data.OpenInvoiceAsync(await data.CreateClientAsync("Header Hugo", email), "10.00");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SendInvoice>().HandleAsync(invoice.Id, new Uri("http://localhost/"));
        }

        await using var db = _app.CreateDbContext();
        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.To == email);
        Assert.StartsWith("<div data-email-header", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Harbour &lt;Clinic&gt;</strong>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("VAT NL001", message.HtmlBody, StringComparison.Ordinal);
        var src = System.Text.RegularExpressions.Regex.Match(message.HtmlBody, "<img src=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("/company-logo?v=", src, StringComparison.Ordinal);

        using var served = await http.GetAsync(new Uri(src).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
    }

    /// <summary>How many image XObjects the first page uses.</summary>
    private static int Images(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var xobjects = document.Pages[0].Elements.GetDictionary("/Resources")?.Elements.GetDictionary("/XObject");
        if (xobjects is null)
        {
            return 0;
        }
        return xobjects.Elements.Values
            .Select(v => v is PdfReference reference ? reference.Value as PdfDictionary : v as PdfDictionary)
            .Count(d => d?.Elements.GetName("/Subtype") == "/Image");
    }
}
