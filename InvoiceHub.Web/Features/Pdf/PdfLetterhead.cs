using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Web.Features.Pdf;

/// <summary>The company as the receipt and statement PDFs print it: name, address, email, VAT number and logo, from the settings.</summary>
public sealed class PdfLetterhead(SettingsService settings)
{
    public async Task<(InvoicePdfParty Seller, byte[]? Logo)> GetAsync(CancellationToken cancellationToken = default)
    {
        var company = await settings.GetAsync(cancellationToken);
        var logo = await settings.GetLogoAsync(cancellationToken);
        return (new InvoicePdfParty(company.CompanyName, company.CompanyAddress, company.CompanyEmail, company.CompanyVatNumber), logo?.Content);
    }
}
