using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Infrastructure;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>
/// Wires the Mollie client and, where <c>MollieSimulator:Enabled</c> is true (Development), the simulator mounted
/// inside the app; the client then reaches it through <c>Mollie:BaseAddress</c> like any other Mollie or, when that
/// is not set, on the address this process really listens on (<see cref="AppAddress"/>), whatever port it was given.
/// </summary>
public static class MollieRegistration
{
    public const string SimulatorSection = "MollieSimulator";

    public static WebApplicationBuilder AddMollie(this WebApplicationBuilder builder)
    {
        var client = builder.Services.AddMollieClient(builder.Configuration);
        if (SimulatorEnabled(builder.Configuration))
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration[$"{MollieOptions.Section}:{nameof(MollieOptions.BaseAddress)}"]))
            {
                // Asked each time a client is made, never at start-up: the port is only known once Kestrel has bound it.
                var api = SimulatorPath(builder.Configuration).Trim('/') + "/v2/";
                client.ConfigureHttpClient((provider, http) => http.BaseAddress = provider.GetRequiredService<AppAddress>().Local(api));
            }
            var section = builder.Configuration.GetSection(SimulatorSection);
            builder.Services.AddMollieSimulator(options =>
            {
                options.RecurringSettleDelay = section.GetValue("RecurringSettleDelay", options.RecurringSettleDelay);
                options.RecurringFailureAmountSuffix = section.GetValue("RecurringFailureAmountSuffix", options.RecurringFailureAmountSuffix)!;
            });
        }
        return builder;
    }

    public static WebApplication MapMollieSimulatorIfEnabled(this WebApplication app)
    {
        if (SimulatorEnabled(app.Configuration))
        {
            app.MapMollieSimulator(SimulatorPath(app.Configuration));
        }
        return app;
    }

    private static string SimulatorPath(IConfiguration configuration) => configuration.GetValue($"{SimulatorSection}:Path", "/mollie-simulator")!;

    private static bool SimulatorEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{SimulatorSection}:Enabled");
}
