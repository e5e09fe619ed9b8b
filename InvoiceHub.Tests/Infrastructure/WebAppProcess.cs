using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// InvoiceHub as a person starts it: <c>dotnet InvoiceHub.Web.dll</c> from the Web project's build output (build first),
/// its own appsettings, the given environment, <c>--urls http://127.0.0.1:0</c> (Kestrel picks the port) and a SQLite
/// file in a temp folder. Nothing else is configured unless the test says so. <see cref="BaseAddress"/> is the address
/// the process printed ("Now listening on: …"). <see cref="KillAsync"/> and <see cref="RestartAsync"/> take the server
/// away and bring it back on the same port and database, as a crash and a restart would; disposing kills it and deletes
/// the folder.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _folder;
    private readonly string _environment;
    private readonly Dictionary<string, string> _settings;
    private readonly List<string> _output = [];
    private Process _process = null!;
    private TaskCompletionSource<Uri> _listening = null!;

    private WebAppProcess(string folder, string environment, Dictionary<string, string> settings)
    {
        _folder = folder;
        _environment = environment;
        _settings = settings;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_folder, "invoicehub.db");

    /// <summary>Starts the app and returns once it answers <c>/health</c>.</summary>
    public static async Task<WebAppProcess> StartAsync(string environment, IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("invoicehub-process-").FullName;
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
        var app = new WebAppProcess(folder, environment, all);
        try
        {
            await app.LaunchAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>Kills the process (SIGKILL): open pages lose the server mid-circuit.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the app again on the port and database it had, and returns once it answers <c>/health</c>.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        _settings["urls"] = BaseAddress.GetLeftPart(UriPartial.Authority);
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var web = Path.Combine(RepositoryRoot.Path, "InvoiceHub.Web", "bin", output.Parent!.Name, output.Name);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(web, "InvoiceHub.Web.dll"));
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = _environment;
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");

        _listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilHealthyAsync();
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
        if (_process is not null)
        {
            await KillAsync();
            _process.Dispose();
        }
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
