using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.MollieSimulator;

/// <summary>The simulator on its own Kestrel server at 127.0.0.1 on a free port, for tests and the benchmark.</summary>
public sealed class MollieSimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MollieSimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        State = app.Services.GetRequiredService<MollieSimulatorState>();
    }

    /// <summary>The simulator's root, e.g. <c>http://127.0.0.1:41234/</c> or <c>…/mollie-simulator/</c>; checkout pages and <c>_sim/</c> controls live under it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What <c>Mollie:BaseAddress</c> should be: <c>{BaseAddress}v2/</c>.</summary>
    public Uri ApiBaseAddress => new(BaseAddress, "v2/");

    public MollieSimulatorState State { get; }

    /// <param name="path">Mount path, as inside the app (<c>/mollie-simulator</c>); empty mounts it at the root.</param>
    /// <param name="clock">The clock the simulator's lifecycles (expiry, refunds, chargebacks, idempotency window) run on; the system clock when null.</param>
    public static async Task<MollieSimulatorHost> StartAsync(Action<MollieSimulatorOptions>? configure = null, string path = "", CancellationToken cancellationToken = default, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }
        builder.Services.AddMollieSimulator(configure);
        var app = builder.Build();
        app.MapMollieSimulator(path);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MollieSimulatorHost(app, new Uri(address.TrimEnd('/') + path.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
