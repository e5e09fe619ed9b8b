using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using InvoiceHub.Tests.Infrastructure;

namespace InvoiceHub.Tests.Nodes;

/// <summary>
/// Debian's nginx on loopback, run as the test user in a temp folder with the repository's own
/// <c>deploy/nginx/invoicehub.conf</c>: only the node addresses and the listening port are put in. The main
/// configuration around it keeps logs, temp files and the pid in the folder. Disposing stops nginx and deletes it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";
    public const string SampleNodeA = "127.0.0.1:5001", SampleNodeB = "127.0.0.1:5002";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public static bool Available => File.Exists(NginxPath);

    public static string Missing =>
        $"nginx is not installed at {NginxPath}. Install Debian's package with `apt-get install -y nginx` (the tests start their own; no service is needed).";

    public Uri BaseAddress { get; }

    public static string SamplePath => Path.Combine(RepositoryRoot.Path, "deploy", "nginx", "invoicehub.conf");

    /// <summary>The sample configuration with the test's node addresses (host:port) and listening port put in.</summary>
    public static string SiteConfiguration(string nodeA, string nodeB, int port)
    {
        var sample = File.ReadAllText(SamplePath);
        foreach (var expected in new[] { SampleNodeA, SampleNodeB, "listen 80;" })
        {
            if (!sample.Contains(expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{SamplePath} no longer contains \"{expected}\", which the two-node tests replace.");
            }
        }
        return sample.Replace(SampleNodeA, nodeA, StringComparison.Ordinal)
            .Replace(SampleNodeB, nodeB, StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
    }

    public static async Task<NginxProxy> StartAsync(Uri nodeA, Uri nodeB)
    {
        var folder = Directory.CreateTempSubdirectory("invoicehub-nginx-").FullName;
        var port = FreePort();
        File.WriteAllText(Path.Combine(folder, "invoicehub.conf"), SiteConfiguration(nodeA.Authority, nodeB.Authority, port));
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/invoicehub.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", $"daemon off; pid {folder}/nginx.pid;" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        var proxy = new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await proxy.WaitUntilServingAsync();
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
        return proxy;
    }

    private async Task WaitUntilServingAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited ({_process.ExitCode}): {await _process.StandardError.ReadToEndAsync()}{ErrorLog()}");
            }
            try
            {
                using var health = await probe.GetAsync("health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"nginx did not serve /health on {BaseAddress}.{ErrorLog()}");
            }
            await Task.Delay(100);
        }
    }

    public string ErrorLog()
    {
        var log = Path.Combine(_folder, "error.log");
        return File.Exists(log) ? Environment.NewLine + string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20)) : "";
    }

    /// <summary>A port free now, for a process that must be told its port in advance (nginx, a node that restarts on its own port).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
