using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>What the test SMTP server demands: a login (AUTH PLAIN/LOGIN), STARTTLS with a certificate (PEM files).</summary>
public sealed record SmtpTestServerOptions
{
    public string User { get; init; } = "";
    public string Password { get; init; } = "";
    public string CertificatePem { get; init; } = "";
    public string KeyPem { get; init; } = "";
}

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd writing what it receives into a Maildir, optionally
/// requiring a login or STARTTLS (<see cref="SmtpTestServerOptions"/>).
/// <see cref="StartAsync"/> waits until it accepts connections; disposing stops it and deletes the mail.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _maildir;

    private SmtpTestServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>aiosmtpd's own SMTP class on an asyncio server (its command line offers no login and no STARTTLS).</summary>
    private const string Script = """
        import asyncio, ssl, sys
        from aiosmtpd.handlers import Mailbox
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
        host, port, maildir, user, password, cert, key = sys.argv[1:8]
        tls = None
        if cert:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            tls.load_cert_chain(cert, key)
        def check(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login == user.encode() and data.password == password.encode()
            return AuthResult(success=ok, handled=False)
        def protocol():
            return SMTP(Mailbox(maildir), tls_context=tls, require_starttls=bool(cert),
                        authenticator=check if user else None, auth_required=bool(user), auth_require_tls=False)
        async def main():
            server = await asyncio.get_running_loop().create_server(protocol, host, int(port))
            await server.serve_forever()
        asyncio.run(main())
        """;

    public static async Task<SmtpTestServer> StartAsync(int? port = null, SmtpTestServerOptions? options = null)
    {
        options ??= new SmtpTestServerOptions();
        var chosen = port ?? FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "invoicehub-smtp-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", Script, "127.0.0.1", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), maildir,
                     options.User, options.Password, options.CertificatePem, options.KeyPem })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, maildir, chosen);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} (is python3-aiosmtpd installed? apt-get install -y python3-aiosmtpd).");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, chosen, limit.Token);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, limit.Token);
            }
        }
    }

    /// <summary>The raw messages received so far, oldest first.</summary>
    public IReadOnlyList<string> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => new FileInfo(f)).OrderBy(f => f.CreationTimeUtc).Select(f => File.ReadAllText(f.FullName)).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}
