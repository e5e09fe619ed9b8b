using InvoiceHub.MollieSimulator;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Tests.Integrations.Mollie.Contract;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>
/// Per test: a simulator on a <see cref="TestClock"/> with Mollie's documented timings (direct debits settle after two
/// days), a webhook receiver, and raw HTTP to both. <see cref="AdvanceAsync"/> moves the clock and runs what is due.
/// </summary>
public abstract class ClockedSimulatorTestBase(DateTimeOffset start) : IAsyncLifetime
{
    protected TestClock Clock { get; } = new(start);
    protected MollieSimulatorHost Simulator { get; private set; } = null!;
    protected WebhookReceiver Webhooks { get; private set; } = null!;
    protected ContractWorld World { get; private set; } = null!;

    /// <summary>Plain HTTP to the simulator's <c>_sim/</c> controls.</summary>
    protected HttpClient Controls { get; private set; } = null!;
    protected MollieSimulatorState State => Simulator.State;

    public async Task InitializeAsync()
    {
        Webhooks = await WebhookReceiver.StartAsync();
        await StartSimulatorAsync(_ => { });
    }

    /// <summary>Replaces the simulator (same clock and receiver) with one configured by <paramref name="configure"/>.</summary>
    protected async Task StartSimulatorAsync(Action<MollieSimulatorOptions> configure)
    {
        if (Simulator is not null)
        {
            await StopSimulatorAsync();
        }
        Simulator = await MollieSimulatorHost.StartAsync(o =>
        {
            o.RecurringSettleDelay = TimeSpan.FromDays(2);
            o.Timings = SimulatorTimings.Mollie;
            configure(o);
        }, clock: Clock);
        World = new ContractWorld(Simulator, Webhooks.Url);
        Controls = new HttpClient { BaseAddress = new Uri(Simulator.BaseAddress, "_sim/") };
    }

    public async Task DisposeAsync()
    {
        await StopSimulatorAsync();
        await Webhooks.DisposeAsync();
    }

    protected async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await State.RunDueLifecyclesAsync();
    }

    private async Task StopSimulatorAsync()
    {
        Controls.Dispose();
        World.Dispose();
        await Simulator.DisposeAsync();
    }
}
