using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Who the invoice went to, and the PDF that was attached (Print downloads the same file).</summary>
public sealed record SentInvoice(string To, string FileName, byte[] Pdf);

/// <summary>
/// Send (of Send &amp; Print): queues the invoice email with its PDF attached and the link to view and pay it, in
/// one transaction; the email-delivery job sends it. The text is <see cref="DocumentEmails.InvoiceSent"/>.
/// </summary>
public sealed class SendInvoice(MoneyTransaction transaction, EmailOutbox outbox, InvoicePdf pdf, SettingsService settings)
{
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
            var email = DocumentEmails.InvoiceSent(client.Email, client.Name, invoice.Number ?? "", Amount(invoice.Total), Amount(invoice.StillToPay), invoice.DueDate, link, company,
                new EmailAttachment(rendered.FileName, "application/pdf", rendered.Content));
            await outbox.EnqueueAsync(db, email.About(PayableKind.Invoice, invoice.Id), ct);
            return new SentInvoice(client.Email, rendered.FileName, rendered.Content);
        }, cancellationToken);
    }

    private static string Amount(InvoiceHub.Domain.Money money) => $"{money.ToDecimalString()} {money.Currency.Code}";
}
