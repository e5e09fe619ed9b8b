using System.Security.Cryptography;
using InvoiceHub.MollieSimulator.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// The simulator's in-memory Mollie account: payments, customers, mandates, refunds, chargebacks, payment links,
/// idempotency keys, fault switches and the webhook log. All resource changes happen under one lock; webhooks are
/// sent outside it. Time comes from the injected TimeProvider, so tests move the lifecycles with their own clock.
/// </summary>
public sealed partial class MollieSimulatorState : IDisposable
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimPayment> _payments = new(StringComparer.Ordinal);
    private readonly List<SimPayment> _paymentsInOrder = [];
    private readonly Dictionary<string, SimCustomer> _customers = new(StringComparer.Ordinal);
    private readonly List<SimCustomer> _customersInOrder = [];
    private readonly List<SimRefund> _refundsInOrder = [];
    private readonly List<SimChargeback> _chargebacksInOrder = [];
    private readonly Dictionary<string, SimPaymentLink> _paymentLinks = new(StringComparer.Ordinal);
    private readonly List<SimPaymentLink> _paymentLinksInOrder = [];
    private readonly MollieSimulatorOptions _options;
    private readonly SimulatorTimings _timings;
    private readonly TimeProvider _time;
    private readonly WebhookDispatcher _webhooks;
    private readonly WebhookLog _webhookLog = new();
    private readonly ILogger<MollieSimulatorState> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public MollieSimulatorState(MollieSimulatorOptions options, IHttpClientFactory httpClients, TimeProvider time, ILoggerFactory loggers, IHostEnvironment? environment = null)
    {
        _options = options;
        _time = time;
        _timings = options.Timings ?? (environment?.IsDevelopment() == true ? SimulatorTimings.Development : SimulatorTimings.Mollie);
        _logger = loggers.CreateLogger<MollieSimulatorState>();
        _webhooks = new WebhookDispatcher(httpClients, options, Faults, _webhookLog, time, loggers.CreateLogger<WebhookDispatcher>());
        Idempotency = new IdempotencyStore(options.IdempotencyWindow, time);
        StartSweeping();
    }

    /// <summary>The lifecycle times in force (from the options, or by environment).</summary>
    public SimulatorTimings Timings => _timings;

    public SimulatorFaults Faults { get; } = new();

    internal IdempotencyStore Idempotency { get; }

    /// <summary>The path the simulator is mounted under, e.g. <c>/mollie-simulator</c>; set by MapMollieSimulator.</summary>
    internal string Prefix { get; set; } = "";

    /// <summary>Every (method, template) mapped under the prefix; the route-walk test and <c>GET _sim/routes</c> read it.</summary>
    public IReadOnlyList<(string Method, string Template)> Routes { get; internal set; } = [];

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _webhookLog.Snapshot();

    /// <summary>Waits until the webhook log satisfies <paramref name="condition"/>; throws TimeoutException otherwise.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> WaitForWebhooksAsync(Func<IReadOnlyList<WebhookDelivery>, bool> condition, TimeSpan? timeout = null) =>
        _webhookLog.WaitAsync(condition, timeout ?? TimeSpan.FromSeconds(10));

    public int PaymentCount
    {
        get
        {
            lock (_gate)
            {
                return _payments.Count;
            }
        }
    }

    /// <summary>The current status of a payment, or null when the simulator does not know it.</summary>
    public string? PaymentStatusOf(string paymentId)
    {
        lock (_gate)
        {
            return _payments.TryGetValue(paymentId, out var payment) ? payment.Status : null;
        }
    }

    /// <summary>Forgets every resource, idempotency key, fault switch and webhook delivery.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _payments.Clear();
            _paymentsInOrder.Clear();
            _customers.Clear();
            _customersInOrder.Clear();
            _refundsInOrder.Clear();
            _chargebacksInOrder.Clear();
            _paymentLinks.Clear();
            _paymentLinksInOrder.Clear();
        }
        Idempotency.Clear();
        Faults.Reset();
        _webhookLog.Clear();
    }

    public void Dispose()
    {
        _sweeper?.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static string NewId(string prefix) => prefix + RandomNumberGenerator.GetString(IdAlphabet, 10);

    private DateTimeOffset Now => _time.GetUtcNow();
}
