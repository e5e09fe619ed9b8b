using System.Net;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>How a test wants its InvoiceHub: database, environment, demo data, extra settings, real port.</summary>
public sealed record InvoiceHubOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Required for <see cref="DatabaseProvider.Postgres"/>: the run's server, where the app gets a fresh database.</summary>
    public PostgresServer? Postgres { get; init; }

    // DatabaseProvider.SqlServer needs nothing here: the app gets a fresh database on INVOICEHUB_SQLSERVER (SqlServerTestServer).

    public string Environment { get; init; } = Environments.Development;

    /// <summary>The Development demo users, API key and data (SPEC.md ▸ Demo data).</summary>
    public bool SeedDemoData { get; init; }

    /// <summary>Serve on a real loopback port (Kestrel) so that a browser can reach the app.</summary>
    public bool Kestrel { get; init; }

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Runs on the fresh, empty database (given its connection string) before the app starts, e.g. to build it the way
    /// an older release did.
    /// </summary>
    public Func<string, Task>? PrepareDatabase { get; init; }

    /// <summary>Replaces or adds services after the app's own registrations (e.g. a controllable <see cref="TimeProvider"/>).</summary>
    public Action<IServiceCollection>? Services { get; init; }
}

/// <summary>
/// The real InvoiceHub (Program and all) on a database of its own: a fresh SQLite file in a temp folder
/// or a fresh PostgreSQL database. In <see cref="InvoiceHubOptions.Kestrel"/> mode it listens on
/// 127.0.0.1 with a free port and <see cref="BaseAddress"/> is the address to open in a browser.
/// Disposing stops the app and deletes its database.
/// </summary>
public sealed class InvoiceHubFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// A cron that does not fire while tests run: midnight UTC on 1 January. Hangfire's crons have no year, and one
    /// that never fires leaves a job without a next run, which the jobs page and API show for every job.
    /// </summary>
    public const string NeverCron = "0 0 1 1 *";

    private readonly InvoiceHubOptions _options;
    private readonly string _tempFolder;
    private readonly string _connectionString;
    private readonly IAsyncDisposable? _serverDatabase;
    private IHost? _host;

    private InvoiceHubFactory(InvoiceHubOptions options, string tempFolder, string connectionString, IAsyncDisposable? serverDatabase)
    {
        _options = options;
        _tempFolder = tempFolder;
        _connectionString = connectionString;
        _serverDatabase = serverDatabase;
    }

    public DatabaseProvider Provider => _options.Provider;

    public string ConnectionString => _connectionString;

    /// <summary>The loopback address Kestrel listens on (Kestrel mode), or the in-memory test server's address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    public static async Task<InvoiceHubFactory> CreateAsync(InvoiceHubOptions options)
    {
        var tempFolder = Path.Combine(Path.GetTempPath(), "invoicehub-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(tempFolder);

        IAsyncDisposable? database = null;
        string connectionString;
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var server = options.Postgres ?? throw new ArgumentException("A Postgres app needs the PostgresServer fixture.", nameof(options));
            var postgresDatabase = await server.CreateDatabaseAsync();
            (database, connectionString) = (postgresDatabase, postgresDatabase.ConnectionString);
        }
        else if (options.Provider == DatabaseProvider.SqlServer)
        {
            var sqlServerDatabase = await SqlServerTestServer.CreateDatabaseAsync();
            (database, connectionString) = (sqlServerDatabase, sqlServerDatabase.ConnectionString);
        }
        else
        {
            // A real file, like production: WAL, locking and ticks-as-integers behave as they will there.
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(tempFolder, "invoicehub.db") }.ToString();
        }

        if (options.PrepareDatabase is { } prepare)
        {
            await prepare(connectionString);
        }
        var factory = new InvoiceHubFactory(options, tempFolder, connectionString, database);
        if (options.Kestrel)
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            factory.BaseAddress = factory.ListeningAddress();
        }
        else
        {
            factory.StartServer();
        }
        return factory;
    }

    /// <summary>A DbContext on the app's own database, for arranging and asserting behind the UI.</summary>
    public InvoiceHubDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>().CreateDbContext();

    /// <summary>Stops the app as a server crash or deploy would, leaving open browser pages disconnected.</summary>
    public async Task StopServerAsync()
    {
        var host = _host ?? throw new InvalidOperationException("The app has not started.");
        await host.StopAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_options.Environment);
        // Host settings: with the minimal hosting model these reach builder.Configuration before Program reads
        // it, and they win over appsettings*.json (which point at App_Data and seed demo data in Development).
        // ConfigureAppConfiguration would come too late for AddInvoiceHub's database registration.
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _options.Provider.ToString(),
            [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = _connectionString,
            ["DemoData:Seed"] = _options.SeedDemoData ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Every browser test signs in through the real form from 127.0.0.1, and a class of axe cases signs in a
            // dozen times a minute against one app: production's 10 per minute and address would turn the eleventh
            // into a 429. The limit itself has its own tests, which give their own figure in Settings.
            ["RateLimits:SignInPerMinute"] = "1000",
        };
        // Recurring jobs never fire on their own in tests (a delivery run must not race a test's assertions);
        // a test runs them (Run now) or gives a schedule in Settings.
        foreach (var job in Web.Features.Jobs.JobCatalog.All)
        {
            settings[$"Jobs:Schedules:{job.Name}"] = NeverCron;
        }
        // The in-memory test server listens nowhere, so Development has no address of its own to put in links built
        // outside a request (jobs' emails): give it the test server's. A real port (Kestrel) is found like in production.
        if (!_options.Kestrel && !Web.Infrastructure.AppAddress.PublicBaseUrlKeys.Any(_options.Settings.ContainsKey))
        {
            settings[Web.Infrastructure.AppAddress.PublicBaseUrlKeys[0]] = BaseAddress.ToString();
        }
        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            // Stopping under a browser test must not wait for the default 30 s grace period of open circuits.
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            _options.Services?.Invoke(services);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _host = host;
        return host;
    }

    private Uri ListeningAddress()
    {
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                        ?? throw new InvalidOperationException("Kestrel reports no addresses.");
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel listens nowhere.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_serverDatabase is not null)
        {
            await _serverDatabase.DisposeAsync();
        }
        if (Directory.Exists(_tempFolder))
        {
            Directory.Delete(_tempFolder, recursive: true);
        }
    }
}
