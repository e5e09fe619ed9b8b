using System.Net;
using InvoiceHub.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvoiceHub.Bench;

/// <summary>
/// The real InvoiceHub (its Program: AddInvoiceHub, migrations, UseInvoiceHub) on Kestrel at 127.0.0.1 and a
/// free port, on the bench's database, in Production mode with logging at Warning.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly DatabaseProvider _provider;
    private readonly string _connectionString;

    private readonly Uri? _mollie;

    private BenchHost(DatabaseProvider provider, string connectionString, Uri? mollie)
    {
        _provider = provider;
        _connectionString = connectionString;
        _mollie = mollie;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public DatabaseProvider Provider => _provider;

    public string ConnectionString => _connectionString;

    /// <param name="mollie">The Mollie simulator's API address (…/v2/); null for a run that makes no payments.</param>
    public static BenchHost Start(DatabaseProvider provider, string connectionString, Uri? mollie)
    {
        var host = new BenchHost(provider, connectionString, mollie);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", _provider.ToString());
        builder.UseSetting($"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}", _connectionString);
        builder.UseSetting("DemoData:Seed", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.UseSetting("MollieSimulator:Enabled", "false");
        // Production builds no link without a public address. The bench's emails are never opened and the simulator's
        // webhooks must not add load to what is measured, so links point at a closed port (9, discard), as 5080 did before.
        builder.UseSetting("PaymentLinks:PublicBaseUrl", "http://127.0.0.1:9/");
        // The jobs run when a measurement asks (Run now), never on their own schedule in the middle of another one.
        foreach (var job in InvoiceHub.Web.Features.Jobs.JobCatalog.All)
        {
            builder.UseSetting($"Jobs:Schedules:{job.Name}", "0 0 1 1 *");
        }
        // All senders are 127.0.0.1: the per-address webhook limit (3,000/min) would measure the limiter, not settlement.
        builder.UseSetting("RateLimits:WebhookPerMinute", "10000000");
        if (_mollie is not null)
        {
            builder.UseSetting("Mollie:BaseAddress", _mollie.ToString());
            builder.UseSetting("Mollie:ApiKey", "test_invoicehub_bench");
        }
        // The static web assets (blazor.web.js) of the Web project, as in Development.
        builder.UseStaticWebAssets();
        builder.ConfigureServices(services =>
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        });
    }
}
