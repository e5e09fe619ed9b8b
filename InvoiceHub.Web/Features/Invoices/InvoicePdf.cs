using System.Globalization;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Who an invoice is from or to, as printed: name, address lines, email and VAT number (any may be empty but the name).</summary>
public sealed record InvoicePdfParty(string Name, string Address, string Email, string VatNumber);

/// <summary>How to pay by wire transfer: the account, the RF creditor reference and, for euro, the EPC QR code as an image.</summary>
public sealed record InvoicePdfTransfer(string AccountHolder, string Iban, string Bic, string Reference, byte[]? QrCode);

/// <summary>What goes on an invoice PDF: the seller, the client, the invoice and how to pay it.</summary>
public sealed record InvoicePdfModel(
    InvoicePdfParty Seller,
    InvoicePdfParty Client,
    InvoiceView Invoice,
    string PaymentLink,
    InvoicePdfTransfer? Transfer = null,
    byte[]? Logo = null);

/// <summary>
/// Renders an invoice as PDF with PdfSharp (MIT): DejaVu Sans shipped with the app and embedded in the file, so any
/// script DejaVu covers prints on any machine; the page layout is <see cref="InvoicePdfLayout"/>.
/// </summary>
public sealed class InvoicePdf(IDbContextFactory<InvoiceHubDbContext> dbFactory, SettingsService settings, PaymentProviders.PaymentProviderService providers)
{
    /// <summary>
    /// The PDF of one invoice, in its client's language, or null when there is no such invoice (or, with <paramref name="clientId"/>, it is not theirs
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
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId)
            .Select(c => new { Party = new InvoicePdfParty(c.Name, c.Address, c.Email, c.VatNumber), c.Language }).SingleAsync(cancellationToken);
        var company = await settings.GetAsync(cancellationToken);
        var view = InvoiceView.From(invoice);
        var owed = invoice.Status == InvoiceStatus.Open && invoice.StillToPay.IsPositive;
        var model = new InvoicePdfModel(
            new InvoicePdfParty(company.CompanyName, company.CompanyAddress, company.CompanyEmail, company.CompanyVatNumber),
            client.Party,
            view,
            owed ? await paymentLink(cancellationToken) : "",
            owed && (await providers.GetAsync(cancellationToken)).Wire is { } wire ? InvoiceTransfer.For(wire, company.CompanyName, view) : null,
            (await settings.GetLogoAsync(cancellationToken))?.Content);
        using (Languages.Use(client.Language))
        {
            return (Render(model), FileName(model.Invoice));
        }
    }

    public static string FileName(InvoiceView invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return $"{invoice.Number ?? $"draft-{invoice.Id}"}.pdf";
    }

    public static byte[] Render(InvoicePdfModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var title = model.Invoice.Number is { } number
            ? string.Format(CultureInfo.CurrentCulture, DocumentText.InvoiceTitle, number)
            : string.Format(CultureInfo.CurrentCulture, DocumentText.DraftInvoiceTitle, model.Invoice.Id);
        return Pdf.DocumentPdf.Render(title, model.Seller.Name, string.Format(CultureInfo.CurrentCulture, DocumentText.SubjectFor, title, model.Client.Name),
            document => new InvoicePdfLayout(document, model, title));
    }
}
