using InvoiceHub.Web.Integrations.Email;
using MailKit.Security;
using MimeKit;

namespace InvoiceHub.Web.Features.Jobs.EmailDelivery;

/// <summary>
/// Hands one outbox message to the configured SMTP server with MailKit: TLS as <c>Jobs:Smtp:UseSsl</c> and the port
/// say (<see cref="SecurityFor"/>), a login when <c>User</c> is set, and <c>Timeout</c> on the connection, every
/// command and the whole hand-over, so a server that stalls counts as a failed attempt instead of blocking the job.
/// </summary>
public sealed class SmtpEmailSender(JobsOptions options)
{
    /// <summary>The port where TLS starts with the connection (SMTPS, RFC 8314); elsewhere TLS comes by STARTTLS.</summary>
    public const int ImplicitTlsPort = 465;

    /// <summary>
    /// The same for every delivery of one outbox message: should a node die between the SMTP hand-over and marking
    /// the message sent, the resent copy is recognisably the same email (docs/decisions/0011).
    /// </summary>
    public static string MessageIdOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"<outbox-{message.Id}-{message.CreatedAt.ToUnixTimeMilliseconds()}@invoicehub>";
    }

    /// <summary>
    /// <c>UseSsl</c> means TLS or nothing is sent: implicit TLS on port 465, a required STARTTLS on any other port
    /// (a server that does not offer it fails the attempt rather than receiving the email in clear). Without
    /// <c>UseSsl</c> the connection stays plain, as on a local relay.
    /// </summary>
    public static SecureSocketOptions SecurityFor(SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        return !smtp.UseSsl ? SecureSocketOptions.None
            : smtp.Port == ImplicitTlsPort ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
    }

    public static MimeMessage Compose(OutboxMessage message, string from)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new BodyBuilder { TextBody = message.TextBody };
        if (!string.IsNullOrEmpty(message.HtmlBody))
        {
            body.HtmlBody = message.HtmlBody;
        }
        if (message.AttachmentContent is { } content)
        {
            body.Attachments.Add(message.AttachmentName ?? "attachment", content,
                ContentType.Parse(message.AttachmentContentType ?? "application/octet-stream"));
        }
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Body = body.ToMessageBody(),
            // MimeKit writes the angle brackets itself.
            MessageId = MessageIdOf(message).Trim('<', '>'),
        };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse(message.To));
        return mail;
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Smtp;
        using var mail = Compose(message, smtp.From);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(smtp.Timeout);
        using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecurityFor(smtp), deadline.Token);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password, deadline.Token);
            }
            await client.SendAsync(mail, deadline.Token);
            await QuitAsync(client, deadline.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {smtp.Host}:{smtp.Port} did not take the email within {smtp.Timeout}.");
        }
    }

    /// <summary>
    /// Says goodbye once the server has accepted the email. The email is the server's from then on: a QUIT that fails
    /// must not count as a failed attempt, or the job would send the same email again.
    /// </summary>
    private static async Task QuitAsync(MailKit.Net.Smtp.SmtpClient client, CancellationToken deadline, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, deadline);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
        {
            // Accepted already; the connection is dropped with the client.
        }
    }
}
