using System.Text.Encodings.Web;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Who the invoice went to, and the PDF that was attached (Print downloads the same file).</summary>
public sealed record SentInvoice(string To, string FileName, byte[] Pdf);

/// <summary>
/// Send (of Send &amp; Print): queues the invoice email with its PDF attached and the link to view and pay it, in
/// one transaction; the email-delivery job sends it. Every value in the HTML body is HTML-encoded.
/// </summary>
public sealed class SendInvoice(MoneyTransaction transaction, EmailOutbox outbox, InvoicePdf pdf, SettingsService settings)
{
    public const string Kind = "invoice";

    public async Task<SentInvoice> HandleAsync(int invoiceId, Uri baseUri, CancellationToken cancellationToken = default)
    {
        var link = InvoiceLinks.PortalUrl(baseUri, invoiceId);
        var rendered = await pdf.RenderAsync(invoiceId, link, cancellationToken: cancellationToken)
                       ?? throw new NotFoundException("invoice", invoiceId);
        var company = (await settings.GetAsync(cancellationToken)).CompanyName;
        return await transaction.RunAsync("send invoice", async (db, ct) =>
        {
            var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct)
                          ?? throw new NotFoundException("invoice", invoiceId);
            if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.Paid))
            {
                throw new DomainException(ErrorCodes.InvoiceNotOpen, $"Invoice {invoice.Number ?? "(draft)"} is {invoice.Status}; only issued invoices are sent.");
            }
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => new { c.Name, c.Email }).SingleAsync(ct);
            await outbox.EnqueueAsync(db, Compose(invoice, client.Name, client.Email, company, link, rendered) with { InvoiceId = invoice.Id }, ct);
            return new SentInvoice(client.Email, rendered.FileName, rendered.Content);
        }, cancellationToken);
    }

    private static EmailMessage Compose(Invoice invoice, string clientName, string clientEmail, string company, string link, (byte[] Content, string FileName) pdf)
    {
        var html = HtmlEncoder.Default;
        var total = $"{invoice.Total.ToDecimalString()} {invoice.Currency.Code}";
        var still = $"{invoice.StillToPay.ToDecimalString()} {invoice.Currency.Code}";
        var due = invoice.DueDate.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var subject = $"Invoice {invoice.Number} from {company}";
        var text = $"""
            Dear {clientName},

            Please find attached invoice {invoice.Number} of {total}, due {due}.
            Still to pay: {still}.

            View and pay it online: {link}

            {company}
            """;
        var body = $"""
            <p>Dear {html.Encode(clientName)},</p>
            <p>Please find attached invoice <strong>{html.Encode(invoice.Number ?? "")}</strong> of {html.Encode(total)}, due {html.Encode(due)}.<br>
            Still to pay: <strong>{html.Encode(still)}</strong>.</p>
            <p><a href="{html.Encode(link)}">View and pay it online</a></p>
            <p>{html.Encode(company)}</p>
            """;
        return new EmailMessage(clientEmail, subject, body, text, Kind, Attachment: new EmailAttachment(pdf.FileName, "application/pdf", pdf.Content));
    }
}
