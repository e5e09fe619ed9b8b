using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>Ties an email to the invoice or credit request it is about, for that document's timeline.</summary>
public static class DocumentEmails
{
    public static EmailMessage About(this EmailMessage message, PayableKind kind, int documentId)
    {
        ArgumentNullException.ThrowIfNull(message);
        return kind == PayableKind.Invoice ? message with { InvoiceId = documentId } : message with { CreditRequestId = documentId };
    }
}
