using System.ComponentModel.DataAnnotations;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>The email of Send &amp; Print as Finance sees it before sending: each part can be changed.</summary>
public sealed record InvoiceEmailDraft(string To, string Subject, string Message)
{
    public const int MaxSubjectLength = 200;
    public const int MaxMessageLength = 4000;
}

/// <summary>Who the invoice went to, and the PDF that was attached (Print downloads the same file).</summary>
public sealed record SentInvoice(string To, string FileName, byte[] Pdf);

/// <summary>
/// Send (of Send &amp; Print): queues the invoice email with its PDF attached, in one transaction with the payment link
/// (<c>/pay/{token}</c>, renewed as an email renews links) that both the email and the PDF carry, so a client without a
/// portal account pays from it; the email-delivery job sends it. The default text is <see cref="DocumentEmails.InvoiceSent"/>.
/// </summary>
public sealed class SendInvoice(
    MoneyTransaction transaction,
    EmailOutbox outbox,
    InvoicePdf pdf,
    PaymentLinks.PaymentLinks links,
    SettingsService settings,
    IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    /// <summary>What Send would write to the client, in the client's language, for Finance to read and change first.</summary>
    public async Task<InvoiceEmailDraft> DraftAsync(int invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (invoice, client) = await LoadSendableAsync(db, invoiceId, cancellationToken);
        var company = (await settings.GetAsync(cancellationToken)).CompanyName;
        using (Languages.Use(client.Language))
        {
            return DocumentEmails.InvoiceSentDraft(client.Email, invoice.Number!, Amount(invoice.Total), Amount(invoice.StillToPay), invoice.DueDate, company);
        }
    }

    /// <summary>Sends the invoice with <paramref name="edited"/> (or the default draft) after checking every part of it.</summary>
    public async Task<SentInvoice> HandleAsync(int invoiceId, Uri baseUri, InvoiceEmailDraft? edited = null, CancellationToken cancellationToken = default)
    {
        var draft = Checked(edited ?? await DraftAsync(invoiceId, cancellationToken));
        var company = (await settings.GetAsync(cancellationToken)).CompanyName;
        return await transaction.RunAsync("send invoice", async (db, ct) =>
        {
            var (invoice, client) = await LoadSendableAsync(db, invoiceId, ct);
            var link = await links.CreateOrRenewAsync(db, PayableKind.Invoice, invoice.Id, baseUri, ct);
            var rendered = await pdf.RenderAsync(invoiceId, _ => Task.FromResult(link), cancellationToken: ct) ?? throw new NotFoundException("invoice", invoiceId);
            using (Languages.Use(client.Language))
            {
                // Whoever sends it, the client reads the email (and the PDF, rendered in their language too) in theirs.
                var email = DocumentEmails.InvoiceSent(draft, client.Name, link, company, new EmailAttachment(rendered.FileName, "application/pdf", rendered.Content));
                await outbox.EnqueueAsync(db, email.About(PayableKind.Invoice, invoice.Id), ct);
            }
            return new SentInvoice(draft.To, rendered.FileName, rendered.Content);
        }, cancellationToken);
    }

    private static async Task<(Invoice Invoice, ClientContact Client)> LoadSendableAsync(InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
                      ?? throw new NotFoundException("invoice", invoiceId);
        if (invoice.Status is not (InvoiceStatus.Open or InvoiceStatus.Paid))
        {
            throw new DomainException(ErrorCodes.InvoiceNotOpen, $"Invoice {invoice.Number ?? "(draft)"} is {invoice.Status}; only issued invoices are sent.");
        }
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => new ClientContact(c.Name, c.Email, c.Language)).SingleAsync(cancellationToken);
        return (invoice, client);
    }

    /// <summary>The edited email, trimmed, or a refusal naming the part that is wrong.</summary>
    private static InvoiceEmailDraft Checked(InvoiceEmailDraft draft)
    {
        var to = draft.To?.Trim() ?? "";
        if (to.Length == 0 || to.Length > 256 || !new EmailAddressAttribute().IsValid(to))
        {
            throw new DomainException(ErrorCodes.InvalidEmail, "Enter the email address to send the invoice to.", "to");
        }
        var subject = draft.Subject?.Trim() ?? "";
        if (subject.Length == 0 || subject.Length > InvoiceEmailDraft.MaxSubjectLength || subject.Any(char.IsControl))
        {
            throw new DomainException(ErrorCodes.InvalidDescription, $"Write a subject of one line, at most {InvoiceEmailDraft.MaxSubjectLength} characters.", "subject");
        }
        var message = draft.Message?.Trim() ?? "";
        if (message.Length == 0 || message.Length > InvoiceEmailDraft.MaxMessageLength)
        {
            throw new DomainException(ErrorCodes.InvalidDescription, $"Write a message of at most {InvoiceEmailDraft.MaxMessageLength} characters.", "message");
        }
        return new InvoiceEmailDraft(to, subject, message);
    }

    private sealed record ClientContact(string Name, string Email, string Language);

    private static string Amount(InvoiceHub.Domain.Money money) => money.ToDisplayString();
}
