using System.Data.Common;
using System.Security.Claims;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Portal;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;

namespace InvoiceHub.Bench;

/// <summary>The measurements that run the app's own code in this process: queries, the page, the issuing handler.</summary>
public sealed class Measurements(BenchHost app, BenchSettings settings, Func<DbConnection> openRaw, TextWriter log)
{
    /// <summary>At most this many extra operations warm a throughput measurement up (see <see cref="Samples.WarmUpAsync"/>).</summary>
    public const int WarmUpLimit = 1500;

    private readonly Random _random = new(7);

    /// <summary>
    /// The client dashboard rendered server-side (a fresh scope and HtmlRenderer per render, as a request gets) and,
    /// right after each render, the floor: the same data in one hand-written query on an open raw connection. The
    /// two are interleaved so that the load of the moment lands on both sides of the ratio.
    /// </summary>
    public async Task<(BenchResult Dashboard, BenchResult Ratio)> DashboardAndFloorAsync(IReadOnlyList<int> clientIds)
    {
        var services = app.Services;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        await using var connection = openRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = FloorSql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.DbType = System.Data.DbType.Int32;
        command.Parameters.Add(parameter);
        command.Prepare();
        var queries = services.GetRequiredService<PortalQueries>();
        var floor = new List<double>();
        var queryOnly = new List<double>();
        // The floor and the app's query alone run in the warm-up too, so all three are timed on settled code.
        var dashboard = await Samples.TimeAsync(settings.WarmUp, 30_000, settings.Samples, async (i, timed) =>
        {
            var clientId = clientIds[i % clientIds.Count];
            var html = await RenderDashboardAsync(services, loggers, clientId);
            if (!html.Contains("data-testid=\"portal-home\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The dashboard rendered without its heading: " + html[..Math.Min(300, html.Length)]);
            }
            var floorMs = await TimeFloorAsync(command, parameter, clientId);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            _ = await queries.DashboardAsync(clientId);
            if (timed)
            {
                floor.Add(floorMs);
                queryOnly.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        // Each sample's clock ran over the render, its floor query and the app's query alone; the render's own time is the difference.
        for (var i = 0; i < dashboard.Count; i++)
        {
            dashboard[i] -= floor[i] + queryOnly[i];
        }
        log.WriteLine($"  dashboard render: {Samples.Describe(dashboard)}");
        log.WriteLine($"  floor query:      {Samples.Describe(floor)}");
        log.WriteLine($"  app query alone:  {Samples.Describe(queryOnly)}");
        var dashboardP95 = Samples.Percentile(dashboard, 95);
        var floorP95 = Samples.Percentile(floor, 95);
        return (new BenchResult("dashboard_render_p95_ms", dashboardP95, "ms", 50, false, Samples.Describe(dashboard)),
                new BenchResult("dashboard_vs_floor_ratio", dashboardP95 / floorP95, "x", 3, false,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"floor p95 {floorP95:0.000} ms, p50 {Samples.Percentile(floor, 50):0.000} ms; ratio of p50s {Samples.Percentile(dashboard, 50) / Samples.Percentile(floor, 50):0.0}; " +
                        $"the app's query alone (PortalQueries) p95 {Samples.Percentile(queryOnly, 95):0.000} ms, {Samples.Percentile(queryOnly, 95) / floorP95:0.0}x the floor")));
    }

    private static async Task<double> TimeFloorAsync(DbCommand command, DbParameter parameter, int clientId)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        parameter.Value = clientId;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        if (rows == 0)
        {
            throw new InvalidOperationException("The floor query found no client.");
        }
        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public static async Task<string> RenderDashboardAsync(IServiceProvider services, ILoggerFactory loggers, int clientId)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, Roles.Client), new Claim(InvoiceHubClaims.ClientId, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "bench"));
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(CascadingValue<Task<AuthenticationState>>.Value)] = Task.FromResult(new AuthenticationState(user)),
            [nameof(CascadingValue<Task<AuthenticationState>>.ChildContent)] = (RenderFragment)(b =>
            {
                b.OpenComponent<PortalDashboardPage>(0);
                b.CloseComponent();
            }),
        });
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<CascadingValue<Task<AuthenticationState>>>(parameters);
            await output.QuiescenceTask;
            return output.ToHtmlString();
        });
    }

    private const string FloorSql = """
        SELECT 0, c."Id", c."Name", CAST(NULL AS date), c."BalanceMinor", CAST(NULL AS bigint), CAST(NULL AS timestamp with time zone), c."Currency"
          FROM "Clients" c WHERE c."Id" = @id
        UNION ALL
        SELECT 1, i."Id", i."Number", i."DueDate", i."TotalMinor", i."TotalMinor" - i."AmountPaidMinor", CAST(NULL AS timestamp with time zone), i."Currency"
          FROM "Invoices" i WHERE i."ClientId" = @id AND i."Status" = 'Open'
        UNION ALL
        SELECT 2, r."Id", 'CR-' || r."Id", r."DueDate", r."AmountMinor", r."AmountMinor", CAST(NULL AS timestamp with time zone), r."Currency"
          FROM "CreditRequests" r WHERE r."ClientId" = @id AND r."Status" = 'Open'
        UNION ALL
        SELECT * FROM (SELECT 3, i."Id", i."Number", CAST(NULL AS date), i."TotalMinor", CAST(NULL AS bigint), i."PaidAt", i."Currency"
          FROM "Invoices" i WHERE i."ClientId" = @id AND i."Status" = 'Paid' ORDER BY i."Id" DESC LIMIT 20) AS paid_invoices
        UNION ALL
        SELECT * FROM (SELECT 4, r."Id", 'CR-' || r."Id", CAST(NULL AS date), r."AmountMinor", CAST(NULL AS bigint), r."PaidAt", r."Currency"
          FROM "CreditRequests" r WHERE r."ClientId" = @id AND r."Status" = 'Paid' ORDER BY r."Id" DESC LIMIT 20) AS paid_requests
        """;

    /// <summary>One 50-row page of the staff list: a status, a search term (a word of a real client's name), a sort, a random page.</summary>
    public async Task<BenchResult> InvoiceListAsync(IReadOnlyList<string> searchTerms)
    {
        var query = app.Services.GetRequiredService<InvoiceListQuery>();
        InvoiceStatus[] statuses = [InvoiceStatus.Open, InvoiceStatus.Paid, InvoiceStatus.Void, InvoiceStatus.Draft];
        var rows = 0L;
        var samples = await Samples.TimeAsync(settings.WarmUp, 3_000, settings.Samples, async (_, timed) =>
        {
            var filter = new InvoiceListFilter(
                Search: searchTerms[_random.Next(searchTerms.Count)],
                Status: statuses[_random.Next(statuses.Length)],
                OverdueOnly: false, DueFrom: null, DueTo: null,
                Sort: InvoiceListQuery.Sorts[_random.Next(InvoiceListQuery.Sorts.Count)],
                Page: _random.Next(1, 11),
                PageSize: 50);
            var page = await query.RunAsync(filter);
            rows += timed ? page.Rows.Count : 0;
        });
        log.WriteLine($"  invoice list: {Samples.Describe(samples)}, {rows / (double)samples.Count:0.0} rows per page on average");
        return new BenchResult("admin_invoice_list_p95_ms", Samples.Percentile(samples, 95), "ms", 100, false, Samples.Describe(samples));
    }

    /// <summary>Drafts of clients with credit issued one by one through the real handler, each its own transaction.</summary>
    public async Task<BenchResult> IssueWithCreditAsync(IReadOnlyList<int> draftIds)
    {
        var settingsService = app.Services.GetRequiredService<SettingsService>();
        var current = await settingsService.GetAsync();
        await settingsService.UpdateAsync(current with { AutomaticallyMarkInvoicesPaid = true }, "bench");

        var creditApplied = 0;
        var next = 0;
        async Task IssueNextAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<IssueInvoice>().HandleAsync(draftIds[next++]);
            if (view.AmountPaid.Minor > 0)
            {
                creditApplied++;
            }
        }
        var warmUp = await Samples.WarmUpAsync(settings.WarmUp, WarmUpLimit, _ => IssueNextAsync());
        var timed = Math.Min(settings.Issues, draftIds.Count - warmUp);
        creditApplied = 0;
        var cpu = CpuTime.Start();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < timed; i++)
        {
            await IssueNextAsync();
        }
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var perSecond = timed / elapsed.TotalSeconds;
        var cpuPerIssue = cpu.MillisecondsPer(timed);
        log.WriteLine($"  issue: {timed} issues in {elapsed.TotalSeconds:0.00} s after {warmUp} to warm up, credit applied to {creditApplied}, {cpuPerIssue:0.00} ms CPU each");
        return new BenchResult("issue_with_credit_per_s", perSecond, "/s", 500, true,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{timed} sequential issues after {warmUp} to warm up, credit applied to {creditApplied}; {cpuPerIssue:0.00} ms CPU per issue"));
    }
}
