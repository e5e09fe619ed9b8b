using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.Tests.Integrations.Mollie;

/// <summary>A MollieClient wired through the app's own AddMollieClient, with fast retries for tests.</summary>
internal sealed class MollieTestClient : IDisposable
{
    public const string TestKey = "test_invoicehub_simulator_key_0001";
    private readonly ServiceProvider _provider;

    public MollieTestClient(Uri baseAddress, IDictionary<string, string?>? settings = null, HttpMessageHandler? handler = null, ILoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Mollie:BaseAddress"] = baseAddress.ToString(),
            ["Mollie:ApiKey"] = TestKey,
            ["Mollie:Timeout"] = "00:00:05",
            ["Mollie:MaxRetryAttempts"] = "3",
            ["Mollie:RetryBaseDelay"] = "00:00:00.020",
            ["Mollie:MaxRetryDelay"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        var http = services.AddMollieClient(configuration);
        if (handler is not null)
        {
            http.ConfigurePrimaryHttpMessageHandler(() => handler);
        }
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<MollieClient>();
    }

    public MollieClient Client { get; }

    public void Dispose() => _provider.Dispose();
}
