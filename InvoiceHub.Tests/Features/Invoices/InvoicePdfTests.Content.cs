using InvoiceHub.Domain;
using InvoiceHub.Domain.PaymentProviders;
using IbanRules = InvoiceHub.Domain.PaymentProviders.Iban;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.PaymentProviders;
using InvoiceHub.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// The invoice PDF as an EU VAT invoice (Council Directive 2006/112/EC, art. 226), read back from the rendered file: every
/// required field, VAT per rate, the exemption note, and with Wire Transfer set up the IBAN, the RF reference and an
/// EPC069-12 QR code that decodes to a SEPA credit transfer of the amount still to pay.
/// </summary>
public sealed partial class InvoicePdfTests
{
    private const string Iban = "NL91ABNA0417164300";

    [Fact]
    public async Task The_pdf_carries_every_article_226_field_vat_per_rate_and_a_scannable_sepa_transfer()
    {
        var settings = _app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync((await settings.GetAsync()) with
        {
            CompanyName = "Lighthouse Tutoring BV",
            CompanyAddress = "Havenstraat 1\n1011 AB Amsterdam\nNetherlands",
            CompanyVatNumber = "NL123456789B01",
            AutomaticallyMarkInvoicesPaid = false,
        }, "test");
        await _app.Services.GetRequiredService<PaymentProviderService>().SaveWireAsync(true, "Lighthouse Tutoring BV", Iban, "ABNANL2A", "Quote the reference.");
        int clientId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            clientId = (await scope.ServiceProvider.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand(
                "Brouwer Family Office", $"{Guid.NewGuid():N}@example.test", Address: "Kerkplein 7\n3511 AA Utrecht", VatNumber: "nl 8888.77.666 b02"))).Id;
        }
        var draft = await _data.DraftAsync(clientId, ("Maths lessons", 2m, "40.00", 21m), ("Study guide", 1m, "10.00", 9m), ("Exam tutoring", 1m, "25.00", 0m));
        var invoice = await _data.IssueAsync(draft);

        var rendered = await _app.Services.GetRequiredService<InvoicePdf>().RenderAsync(invoice.Id, _ => Task.FromResult("http://localhost/pay/token"));
        var text = PdfText.Extract(rendered!.Value.Content);
        // Kept for a person to look at (and for the README's picture of it): test-artifacts/pdf/, git-ignored.
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "test-artifacts", "pdf"));
        await File.WriteAllBytesAsync(Path.Combine(RepositoryRoot.Path, "test-artifacts", "pdf", "eu-vat-invoice.pdf"), rendered.Value.Content);

        string[] expected =
        [
            // (1) date of issue, (2) sequential number, (7) date of supply
            invoice.Number!, $"Issued: {invoice.IssuedOn:d MMM yyyy}", $"Date of supply: {invoice.IssuedOn:d MMM yyyy}",
            // (3) seller's VAT number, (5) names and addresses of seller and client, (4) the client's VAT number
            "Lighthouse Tutoring BV", "Havenstraat 1", "1011 AB Amsterdam", "VAT number: NL123456789B01",
            "Brouwer Family Office", "Kerkplein 7", "3511 AA Utrecht", "VAT number: NL888877666B02",
            // (6) quantity and nature, (8) unit price, (9) the rate as a percentage
            "Maths lessons", "40.00", "21%", "Study guide", "9%", "Exam tutoring", "0%",
            // (8) net per rate, (10) VAT payable per rate, and the totals
            "Net", "€115.00", "VAT 21% of €80.00", "€16.80", "VAT 9% of €10.00", "€0.90", "VAT 0% of €25.00", "Total", "€132.70",
            // (11) the exemption, and how to pay
            "VAT exempt", "Article 132", "Payment terms", "14 days from the date of issue",
            "IBAN: NL91 ABNA 0417 1643 00", "BIC: ABNANL2A", $"Reference: {IbanRules.CreditorReference(invoice.Number!)}",
            "http://localhost/pay/token",
        ];
        Assert.All(expected, field => Assert.Contains(field, text, StringComparison.Ordinal));

        var qr = Assert.Single(PdfText.Images(rendered.Value.Content).Select(QrCodes.Decode).OfType<string>());
        var epc = qr.Split('\n');
        Assert.Equal(["BCD", "002", "1", "SCT", "ABNANL2A", "Lighthouse Tutoring BV", Iban, "EUR132.70", ""], epc[..9]);
        Assert.Equal(IbanRules.CreditorReference(invoice.Number!), epc[9]);
        Assert.True(IbanRules.IsValidCreditorReference(epc[9]));
    }

    [Fact]
    public void The_epc_payload_is_refused_where_a_sepa_transfer_cannot_be()
    {
        var reference = IbanRules.CreditorReference("INV-2026-00001");
        Assert.NotNull(EpcTransfer.Payload("Lighthouse", Iban, "", new Money(1, Currency.EUR), reference));
        Assert.Null(EpcTransfer.Payload("Lighthouse", Iban, "", new Money(1000, Currency.USD), reference));
        Assert.Null(EpcTransfer.Payload("Lighthouse", Iban, "", new Money(0, Currency.EUR), reference));
        Assert.Null(EpcTransfer.Payload("Lighthouse", "NL00ABNA0417164300", "", new Money(1000, Currency.EUR), reference));
        Assert.Null(EpcTransfer.Payload(new string('x', 71), Iban, "", new Money(1000, Currency.EUR), reference));
        Assert.Null(EpcTransfer.Payload("Lighthouse", Iban, "", new Money(1000, Currency.EUR), "RF00INV"));
    }
}
