using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// InvoiceHub as a person starts it: <c>dotnet InvoiceHub.Web.dll</c> from the Web project's build output (build first),
/// its own appsettings, the given environment, <c>--urls http://127.0.0.1:0</c> (Kestrel picks the port) and a SQLite
/// file in a temp folder. Nothing else is configured unless the test says so. <see cref="BaseAddress"/> is the address
/// the process printed ("Now listening on: …"); disposing kills it and deletes the folder.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly string _folder;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebAppProcess(Process process, string folder)
    {
        _process = process;
        _folder = folder;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "invoicehub.db");

    /// <summary>Starts the app and returns once it answers <c>/health</c>.</summary>
    public static async Task<WebAppProcess> StartAsync(string environment, IReadOnlyDictionary<string, string> settings)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var web = Path.Combine(RepositoryRoot.Path, "InvoiceHub.Web", "bin", output.Parent!.Name, output.Name);
        var folder = Directory.CreateTempSubdirectory("invoicehub-process-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(web, "InvoiceHub.Web.dll"));
        var all = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:InvoiceHub"] = $"Data Source={Path.Combine(folder, "invoicehub.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
            // The line that names the port Kestrel chose.
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");

        var app = new WebAppProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the app."), folder);
        app._process.OutputDataReceived += (_, e) => app.Record(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(60));
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Add(line);
        }
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            var address = match.Groups[1].Value;
            _listening.TrySetResult(new Uri(address.EndsWith('/') ? address : address + "/"));
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(_listening.Task, exited) != _listening.Task)
        {
            throw new InvalidOperationException($"The app never said where it listens (exited: {_process.HasExited}).{Environment.NewLine}{Output()}");
        }
        BaseAddress = await _listening.Task;
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited || timeout.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The app did not become healthy on {BaseAddress}.{Environment.NewLine}{Output()}");
            }
            try
            {
                using var health = await probe.GetAsync("/health", timeout.Token);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
