using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

/// <summary>Hands one outbox message to the configured SMTP server (System.Net.Mail; MailKit is not available here).</summary>
public sealed class SmtpEmailSender(JobsOptions options)
{
    /// <summary>
    /// The same for every delivery of one outbox message: should a node die between the SMTP hand-over and marking
    /// the message sent, the resent copy is recognisably the same email (docs/decisions/0011).
    /// </summary>
    public static string MessageIdOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"<outbox-{message.Id}-{message.CreatedAt.ToUnixTimeMilliseconds()}@invoicehub>";
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Smtp;
        using var mail = new MailMessage
        {
            From = new MailAddress(smtp.From),
            Subject = message.Subject,
            SubjectEncoding = System.Text.Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = System.Text.Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(message.To));
        mail.Headers.Add("Message-ID", MessageIdOf(message));
        if (!string.IsNullOrEmpty(message.HtmlBody))
        {
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, System.Text.Encoding.UTF8, MediaTypeNames.Text.Html));
        }
        if (message.AttachmentContent is { } content)
        {
            mail.Attachments.Add(new Attachment(new MemoryStream(content), message.AttachmentName ?? "attachment", message.AttachmentContentType ?? MediaTypeNames.Application.Octet));
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            EnableSsl = smtp.UseSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(smtp.User))
        {
            client.Credentials = new NetworkCredential(smtp.User, smtp.Password);
        }
        await client.SendMailAsync(mail, cancellationToken);
    }
}
