using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.Hosting;

namespace InvoiceHub.Tests.Nodes;

/// <summary>
/// Two InvoiceHub nodes (<c>dotnet InvoiceHub.Web.dll</c> processes on ports chosen up front, so a killed node comes
/// back on its own address) on one throwaway PostgreSQL database, behind nginx with the repository's sample
/// configuration, with the Mollie simulator on a port of its own. An in-process app on the same database
/// (<see cref="Arrange"/>, no web server of its own reached by anyone, no job server) arranges invoices and starts
/// Mollie payments through the app's own handlers. Everything starts on first use and stops with the collection.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    /// <summary>The webhook limit the nodes run with: low, so the test of a shared limit stays short.</summary>
    public const int WebhookPerMinute = 20;

    // Where the simulator's own webhook calls go: nowhere. The tests post the webhook to the node they choose.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly PostgresServer _postgres = new();
    private readonly WebAppProcess?[] _nodes = new WebAppProcess?[2];
    private readonly int[] _ports = [NginxProxy.FreePort(), NginxProxy.FreePort()];
    private NginxProxy? _proxy;
    private int _forwardedFor;

    public BrowserFixture Browser { get; } = new();

    public PaymentsTestApp Arrange { get; private set; } = null!;

    public Uri ProxyAddress => _proxy!.BaseAddress;

    public Uri NodeAddress(int node) => new($"http://127.0.0.1:{_ports[node]}/");

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts what is not running yet: the database, the arranging app, either node, nginx.</summary>
    public async Task EnsureRunningAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_proxy is null)
            {
                Arrange = await PaymentsTestApp.StartAsync(seedDemoData: true, postgres: _postgres, kestrel: false,
                    settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
            }
            await Task.WhenAll(Enumerable.Range(0, 2).Where(n => _nodes[n] is null).Select(async n => _nodes[n] = await StartNodeAsync(n)));
            _proxy ??= await NginxProxy.StartAsync(NodeAddress(0), NodeAddress(1));
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<WebAppProcess> StartNodeAsync(int node)
    {
        var settings = JobCatalog.All.ToDictionary(job => $"Jobs:Schedules:{job.Name}", _ => InvoiceHubFactory.NeverCron);
        settings["urls"] = NodeAddress(node).ToString().TrimEnd('/');
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:InvoiceHub"] = Arrange.App.ConnectionString;
        // The arranging app migrated the database; a cluster migrates from one place.
        settings["Database:MigrateOnStartup"] = "false";
        settings["DemoData:Seed"] = "false";
        settings["Mollie:BaseAddress"] = Arrange.Simulator.ApiBaseAddress.ToString();
        settings["Mollie:ApiKey"] = "test_invoicehub_payments_tests";
        settings["MollieSimulator:Enabled"] = "false";
        settings["RateLimits:WebhookPerMinute"] = WebhookPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WebAppProcess.StartAsync(Environments.Development, settings);
    }

    /// <summary>Which node nginx sends this machine's requests to (ip_hash: the browser's too), read from the proxy's header.</summary>
    public async Task<int> NodeBehindProxyAsync()
    {
        using var http = new HttpClient { BaseAddress = ProxyAddress };
        // A page, not /health: nginx names the node on the pages' location.
        using var response = await http.GetAsync("account/login");
        response.EnsureSuccessStatusCode();
        var upstream = response.Headers.GetValues("X-InvoiceHub-Node").Last();
        // After a failed attempt nginx lists every node it tried ("a, b"); the last one answered.
        var answered = upstream.Split(',').Last().Trim();
        return Array.FindIndex(_ports, port => answered.EndsWith($":{port}", StringComparison.Ordinal)) is var node and >= 0
            ? node
            : throw new InvalidOperationException($"nginx answered from {upstream}, which is neither node.");
    }

    /// <summary>Kills a node's process as a crash would.</summary>
    public async Task KillAsync(int node)
    {
        await _gate.WaitAsync();
        try
        {
            if (_nodes[node] is { } process)
            {
                _nodes[node] = null;
                await process.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new open invoice for the demo client: its id and number.</summary>
    public async Task<(int InvoiceId, string Number)> OpenInvoiceOfDemoClientAsync(long totalMinor)
    {
        var clientId = await Arrange.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await Arrange.CreateOpenInvoiceAsync(totalMinor, clientId);
        return (invoiceId, await Arrange.InvoiceNumberOfAsync(invoiceId));
    }

    /// <summary>Starts a card payment of the invoice at Mollie and marks it paid there; nothing tells InvoiceHub yet.</summary>
    public async Task<string> PaidAtMollieAsync(int invoiceId)
    {
        var started = await Arrange.Handler<StartOnlinePayment>()
            .HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Card, PaymentInitiator.Client, Nowhere);
        var providerId = await Arrange.ProviderIdOfAsync(started.PaymentId);
        await Arrange.SetMollieStatusAsync(providerId, "paid");
        return providerId;
    }

    /// <summary>
    /// Mollie's webhook for <paramref name="providerId"/>, posted to one node directly, from an address of its own
    /// (X-Forwarded-For, trusted from loopback) so the tests' webhooks do not share one rate-limit window.
    /// </summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(int node, string providerId, string? from = null)
    {
        using var http = new HttpClient { BaseAddress = NodeAddress(node) };
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentPaths.Webhook.TrimStart('/'))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }),
        };
        request.Headers.Add("X-Forwarded-For", from ?? $"198.51.100.{Interlocked.Increment(ref _forwardedFor) % 250 + 1}");
        return await http.SendAsync(request);
    }

    public string Diagnostics() =>
        string.Join(Environment.NewLine, _nodes.Select((n, i) => $"--- node {i}:{Environment.NewLine}{n?.Output() ?? "(not running)"}"))
        + Environment.NewLine + "--- nginx:" + (_proxy?.ErrorLog() ?? " (not running)");

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
        foreach (var node in _nodes)
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
        if (Arrange is not null)
        {
            await Arrange.DisposeAsync();
        }
        await Browser.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TwoNodesCollection : ICollectionFixture<TwoNodes>
{
    public const string Name = "Two nodes";
}

/// <summary>A two-node test: needs Chromium, PostgreSQL and nginx; skipped with the fix when one is missing, unless INVOICEHUB_REQUIRE_ALL=1.</summary>
public sealed class RequiresTwoNodesFactAttribute : FactAttribute
{
    public RequiresTwoNodesFactAttribute()
    {
        if (Requirements.SkipReason(needsChromium: true, needsPostgres: true) is { } reason)
        {
            Skip = reason;
        }
        else if (!Requirements.RequireAll && !NginxProxy.Available)
        {
            Skip = NginxProxy.Missing + $" (Set {Requirements.RequireAllVariable}=1 to fail instead of skipping.)";
        }
    }
}
