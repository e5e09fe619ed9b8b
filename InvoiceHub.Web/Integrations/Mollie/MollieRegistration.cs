using InvoiceHub.MollieSimulator;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>
/// Wires the Mollie client and, where <c>MollieSimulator:Enabled</c> is true (Development), the simulator mounted
/// inside the app; the client then reaches it through <c>Mollie:BaseAddress</c> like any other Mollie.
/// </summary>
public static class MollieRegistration
{
    public const string SimulatorSection = "MollieSimulator";

    public static WebApplicationBuilder AddMollie(this WebApplicationBuilder builder)
    {
        builder.Services.AddMollieClient(builder.Configuration);
        if (SimulatorEnabled(builder.Configuration))
        {
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
            app.MapMollieSimulator(app.Configuration.GetValue($"{SimulatorSection}:Path", "/mollie-simulator")!);
        }
        return app;
    }

    private static bool SimulatorEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{SimulatorSection}:Enabled");
}
