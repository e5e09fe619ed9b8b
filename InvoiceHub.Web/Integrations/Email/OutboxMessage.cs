

namespace InvoiceHub.Web.Integrations.Email;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// An email waiting to be delivered (or delivered): written in the same transaction as the change that
/// causes it, delivered later by the email-delivery job with retries, so a dead SMTP server loses nothing.
/// <see cref="DeduplicationKey"/> makes "one email per document per step" a unique index, not a hope.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    private OutboxMessage()
    {
    }

    public OutboxMessage(EmailMessage message, DateTimeOffset now)
    {
        To = message.To;
        Subject = message.Subject;
        HtmlBody = message.HtmlBody;
        TextBody = message.TextBody;
        Kind = message.Kind;
        DeduplicationKey = message.DeduplicationKey;
        AttachmentName = message.Attachment?.FileName;
        AttachmentContentType = message.Attachment?.ContentType;
        AttachmentContent = message.Attachment is { IsRenderedAtDelivery: false } attachment ? attachment.Content : null;
        InvoiceId = message.InvoiceId;
        CreditRequestId = message.CreditRequestId;
        Status = OutboxStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public int Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    /// <summary>What the email is for: payment-request, reminder, invoice, receipt, auto-charge-failed, invite …</summary>
    public string Kind { get; private set; } = "";
    public string? DeduplicationKey { get; private set; }
    public string? AttachmentName { get; private set; }
    public string? AttachmentContentType { get; private set; }
    public byte[]? AttachmentContent { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>The document the email is about, so its timeline can list it; null for emails about no one document.</summary>
    public int? InvoiceId { get; private set; }
    public int? CreditRequestId { get; private set; }

    /// <summary>Named but not rendered yet: the delivery job renders it (<see cref="IOutboxAttachmentRenderer"/>) before sending.</summary>
    public bool AwaitsAttachment => AttachmentName is not null && AttachmentContent is null;

    public void Attach(byte[] content) => AttachmentContent = content;

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>Backs off exponentially (1, 2, 4 … minutes); after <see cref="MaxAttempts"/> it stops as Failed.</summary>
    public void MarkAttemptFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        NextAttemptAt = now.AddMinutes(Math.Pow(2, Attempts - 1));
    }
}

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content)
{
    /// <summary>
    /// An attachment the delivery job renders when it sends the email, so that a transaction which queues the email (a
    /// webhook settling a payment) does not also spend the time to render a PDF while it holds the database's write lock.
    /// </summary>
    public static EmailAttachment RenderedAtDelivery(string fileName, string contentType) => new(fileName, contentType, []);

    public bool IsRenderedAtDelivery => Content.Length == 0;
}

/// <summary>Renders the attachment of outbox emails of one <see cref="Kind"/> queued with <see cref="EmailAttachment.RenderedAtDelivery"/>.</summary>
public interface IOutboxAttachmentRenderer
{
    string Kind { get; }

    /// <summary>The attachment's bytes, or null when what it shows no longer exists (the email then goes without it).</summary>
    Task<byte[]?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>An email to queue. Every value placed in <see cref="HtmlBody"/> must already be HTML-encoded.</summary>
public sealed record EmailMessage(
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    string Kind,
    string? DeduplicationKey = null,
    EmailAttachment? Attachment = null)
{
    public int? InvoiceId { get; init; }
    public int? CreditRequestId { get; init; }

    /// <summary>The language it is written in (the <see cref="EmailComposer"/> notes it): the outbox writes the company header in it too.</summary>
    public string? Language { get; init; }
}
