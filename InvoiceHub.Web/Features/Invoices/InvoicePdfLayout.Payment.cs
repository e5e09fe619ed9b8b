using PdfSharp.Drawing;
using PdfSharp.Pdf;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.PaymentProviders;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>How to pay: the terms, the payment link, and with Wire Transfer set up the account, the RF reference and the EPC QR code.</summary>
internal sealed partial class InvoicePdfLayout
{
    private const double QrSize = 110;

    private void PaymentInstructions(InvoiceView invoice)
    {
        if (invoice.Status is InvoiceStatus.Void)
        {
            Text(DocumentText.InvoiceVoid, BoldFont, Margin, PageWidth - 2 * Margin);
            return;
        }
        if (!invoice.StillToPay.IsPositive && invoice.Status != InvoiceStatus.Draft)
        {
            Text(DocumentText.PaidInFull, BoldFont, Margin, PageWidth - 2 * Margin);
            return;
        }
        Text(DocumentText.HowToPay, BoldFont, Margin, PageWidth - 2 * Margin);
        var amount = Amount(invoice.Status == InvoiceStatus.Draft ? invoice.Total : invoice.StillToPay);
        var days = invoice.IssuedOn is { } issued ? invoice.DueDate.DayNumber - issued.DayNumber : (int?)null;
        var terms = days is > 0 ? string.Format(Culture, DocumentText.DaysFromIssue, days) : "";
        var reference = model.Transfer?.Reference ?? invoice.Number ?? DocumentText.TheInvoiceNumber;
        Text(string.Format(Culture, DocumentText.PaymentTerms, amount, Day(invoice.DueDate), terms, reference),
            RegularFont, Margin, PageWidth - 2 * Margin);
        if (model.PaymentLink.Length > 0)
        {
            Text(DocumentText.PayThisInvoiceOnline, RegularFont, Margin, PageWidth - 2 * Margin);
            WebLink(model.PaymentLink);
        }
        if (model.Transfer is { } transfer)
        {
            BankTransfer(transfer);
        }
        if (!string.IsNullOrWhiteSpace(model.Seller.Email))
        {
            Text(string.Format(Culture, DocumentText.QuestionsWriteTo, model.Seller.Email), RegularFont, Margin, PageWidth - 2 * Margin);
        }
    }

    /// <summary>The account and reference on the left; the QR code a banking app scans on the right.</summary>
    private void BankTransfer(InvoicePdfTransfer transfer)
    {
        Y += 8;
        EnsureSpace(transfer.QrCode is null ? 5 * LineHeight(RegularFont) : QrSize + 2 * LineHeight(SmallFont));
        var top = Y;
        var width = PageWidth - 2 * Margin - (transfer.QrCode is null ? 0 : QrSize + 20);
        Text(DocumentText.BankTransfer, BoldFont, Margin, width);
        BlockAt(
        [
            Labelled(DocumentText.AccountHolder, transfer.AccountHolder),
            Labelled("IBAN", Grouped(transfer.Iban)),
            Labelled("BIC", transfer.Bic),
            Labelled(DocumentText.Reference, transfer.Reference),
        ], Margin, width);
        if (transfer.QrCode is not { } qr)
        {
            return;
        }
        using (var stream = new MemoryStream(qr, writable: false))
        using (var image = XImage.FromStream(stream))
        {
            Gfx.DrawImage(image, PageWidth - Margin - QrSize, top, QrSize, QrSize);
        }
        Gfx.DrawString(DocumentText.ScanToPay, SmallFont, XBrushes.Gray, new XRect(PageWidth - Margin - QrSize - 20, top + QrSize + 2, QrSize + 20, LineHeight(SmallFont)), XStringFormats.TopRight);
        Y = Math.Max(Y, top + QrSize + LineHeight(SmallFont) + 4);
    }

    /// <summary>An IBAN in groups of four, as banks print it.</summary>
    private static string Grouped(string iban) =>
        string.Join(' ', Iban.Normalize(iban).Chunk(4).Select(group => new string(group)));

    /// <summary>The address as text a person can type, and as a link a PDF reader opens.</summary>
    private void WebLink(string url)
    {
        EnsureSpace(2 * LineHeight(RegularFont));
        var top = Y;
        Text(url, RegularFont, Margin, PageWidth - 2 * Margin);
        var area = Gfx.Transformer.WorldToDefaultPage(new XRect(Margin, top, PageWidth - 2 * Margin, Y - top));
        Page.AddWebLink(new PdfRectangle(area), url);
    }
}
