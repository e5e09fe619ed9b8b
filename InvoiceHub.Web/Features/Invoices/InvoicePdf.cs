using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
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
/// Renders an invoice as PDF with PdfSharp (MIT): DejaVu Sans shipped with the app and embedded in the file, so any
/// script DejaVu covers prints on any machine; the page layout is <see cref="InvoicePdfLayout"/>.
/// </summary>
public sealed class InvoicePdf(IDbContextFactory<InvoiceHubDbContext> dbFactory, SettingsService settings)
{
    /// <summary>
    /// The PDF of one invoice, or null when there is no such invoice (or, with <paramref name="clientId"/>, it is not theirs
    /// or still a draft). <paramref name="paymentLink"/> gives the link printed on it, asked for only while something is owed.
    /// </summary>
    public async Task<(byte[] Content, string FileName)?> RenderAsync(int invoiceId, Func<CancellationToken, Task<string>> paymentLink, int? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null || (clientId is { } owner && (invoice.ClientId != owner || invoice.Status == InvoiceStatus.Draft)))
        {
            return null;
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => new { c.Name, c.Email }).SingleAsync(cancellationToken);
        var company = await settings.GetAsync(cancellationToken);
        var owed = invoice.Status == InvoiceStatus.Open && invoice.StillToPay.IsPositive;
        var model = new InvoicePdfModel(company.CompanyName, company.CompanyAddress, company.CompanyEmail, company.CompanyVatNumber,
            client.Name, client.Email, InvoiceView.From(invoice), owed ? await paymentLink(cancellationToken) : "", (await settings.GetLogoAsync(cancellationToken))?.Content);
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
        new InvoicePdfLayout(document, model, title).Draw();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
