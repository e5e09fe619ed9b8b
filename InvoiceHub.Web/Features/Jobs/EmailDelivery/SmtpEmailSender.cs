using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

/// <summary>Hands one outbox message to the configured SMTP server (System.Net.Mail; MailKit is not available here).</summary>
public sealed class SmtpEmailSender(JobsOptions options)
{
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
        // A stable id: should a node die between the hand-over and marking it sent, the resent copy is recognisably the same email.
        mail.Headers.Add("Message-ID", $"<outbox-{message.Id}-{message.CreatedAt.ToUnixTimeMilliseconds()}@invoicehub>");
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
