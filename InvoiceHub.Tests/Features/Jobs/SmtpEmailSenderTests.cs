using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.EmailDelivery;
using InvoiceHub.Web.Integrations.Email;
using MailKit.Security;
using MimeKit;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>The MailKit sender against a real SMTP server (aiosmtpd): content, login, TLS and timeouts.</summary>
public sealed class SmtpEmailSenderTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);

    private static OutboxMessage Outbox(EmailAttachment? attachment = null) =>
        new(new EmailMessage("Zoë Müller <zoe@example.test>", "Rechnung INV-2026-00042 — Größe", "<p>Hallo Zoë</p>", "Hallo Zoë", "invoice",
            Attachment: attachment), Created);

    private static SmtpEmailSender Sender(int port, Action<SmtpOptions>? configure = null)
    {
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Timeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(smtp);
        return new SmtpEmailSender(new JobsOptions { Smtp = smtp });
    }

    [Theory]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(false, 465, SecureSocketOptions.None)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    public void UseSsl_means_implicit_TLS_on_465_and_a_required_STARTTLS_elsewhere(bool useSsl, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpEmailSender.SecurityFor(new SmtpOptions { UseSsl = useSsl, Port = port }));

    [Fact]
    public async Task The_server_receives_the_text_the_html_the_attachment_byte_for_byte_and_the_stable_Message_ID()
    {
        await using var server = await SmtpTestServer.StartAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))).ToArray();
        var message = Outbox(new EmailAttachment("INV-2026-00042.pdf", "application/pdf", pdf));

        await Sender(server.Port).SendAsync(message, CancellationToken.None);

        using var received = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Assert.Single(server.Messages()))));
        Assert.Equal(SmtpEmailSender.MessageIdOf(message), $"<{received.MessageId}>");
        Assert.Equal("Rechnung INV-2026-00042 — Größe", received.Subject);
        Assert.Equal("zoe@example.test", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("billing@invoicehub.test", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal("Hallo Zoë", received.TextBody?.Trim());
        Assert.Equal("<p>Hallo Zoë</p>", received.HtmlBody?.Trim());
        var attachment = Assert.IsType<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal("INV-2026-00042.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await Assert.IsType<MimeContent>(attachment.Content).DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());
    }

    [Fact]
    public async Task With_User_and_Password_it_logs_in_and_without_them_the_server_refuses()
    {
        await using var server = await SmtpTestServer.StartAsync(options: new SmtpTestServerOptions { User = "billing", Password = "s3cret!" });

        await Assert.ThrowsAnyAsync<Exception>(() => Sender(server.Port).SendAsync(Outbox(), CancellationToken.None));
        await Assert.ThrowsAsync<AuthenticationException>(() =>
            Sender(server.Port, s => (s.User, s.Password) = ("billing", "wrong")).SendAsync(Outbox(), CancellationToken.None));
        Assert.Empty(server.Messages());

        await Sender(server.Port, s => (s.User, s.Password) = ("billing", "s3cret!")).SendAsync(Outbox(), CancellationToken.None);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task UseSsl_never_falls_back_to_plain_text()
    {
        // A server that offers no STARTTLS: the email is not sent in clear.
        await using (var plain = await SmtpTestServer.StartAsync())
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Sender(plain.Port, s => s.UseSsl = true).SendAsync(Outbox(), CancellationToken.None));
            Assert.Empty(plain.Messages());
        }

        // A server that does STARTTLS with a certificate nobody trusts: the handshake happens and the certificate is refused.
        using var certificate = SelfSigned();
        var folder = Directory.CreateTempSubdirectory("invoicehub-smtp-tls-");
        try
        {
            var (certPath, keyPath) = (Path.Combine(folder.FullName, "cert.pem"), Path.Combine(folder.FullName, "key.pem"));
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            await using var tls = await SmtpTestServer.StartAsync(options: new SmtpTestServerOptions { CertificatePem = certPath, KeyPem = keyPath });

            await Assert.ThrowsAsync<SslHandshakeException>(() => Sender(tls.Port, s => s.UseSsl = true).SendAsync(Outbox(), CancellationToken.None));
            // The same server refuses the mail of a client that does not use STARTTLS (require_starttls): TLS is really negotiated above.
            await Assert.ThrowsAnyAsync<Exception>(() => Sender(tls.Port).SendAsync(Outbox(), CancellationToken.None));
            Assert.Empty(tls.Messages());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_and_never_answers_fails_the_attempt_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sender = Sender(port, s => s.Timeout = TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var send = sender.SendAsync(Outbox(), CancellationToken.None);
        var finished = await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(send, finished);
        await Assert.ThrowsAnyAsync<Exception>(() => send);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(10));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }
}
