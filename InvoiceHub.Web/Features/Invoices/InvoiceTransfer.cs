using InvoiceHub.Domain.PaymentProviders;
using InvoiceHub.Web.Features.PaymentProviders;
using QRCoder;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The wire-transfer block of an invoice: the business's account, the invoice's RF reference and its EPC QR code.</summary>
public static class InvoiceTransfer
{
    /// <summary>EPC069-12 asks for error correction level M; 8 pixels a module prints sharply at the size the PDF draws it.</summary>
    private const int PixelsPerModule = 8;

    public static InvoicePdfTransfer? For(WireDetails wire, string companyName, InvoiceView invoice)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Number is not { } number)
        {
            return null;
        }
        var reference = Iban.CreditorReference(number);
        var beneficiary = string.IsNullOrWhiteSpace(wire.AccountHolder) ? companyName : wire.AccountHolder;
        var payload = EpcTransfer.Payload(beneficiary, wire.Iban, wire.Bic, invoice.StillToPay, reference);
        return new InvoicePdfTransfer(beneficiary, wire.Iban, wire.Bic, reference, payload is null ? null : QrImage(payload));
    }

    private static byte[] QrImage(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        // A 24-bit BMP: the image format PdfSharp reads on every platform without a graphics library.
        return new BitmapByteQRCode(data).GetGraphic(PixelsPerModule);
    }
}
