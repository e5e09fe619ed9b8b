using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Tests.Hardening;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Infrastructure.Security;
using Xunit.Abstractions;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>
/// How long Run now takes from the request to the outcome through Hangfire (enqueue, a worker fetches it, the run, the
/// JobRuns record the caller waits for), per storage: email delivery with an empty outbox, so the time is Hangfire's and
/// the waiting's, not the job's. Figures in <c>test-artifacts/reliability/run-now-*.json</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RunNowLatencyTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Runs = 10;

    /// <summary>Far above what is seen (well under a second), far below a poll interval gone wrong (Hangfire's default 15 s).</summary>
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Run_now_answers_within_seconds_on_SQLite() => MeasureAsync(new InvoiceHubOptions(), "sqlite");

    [RequiresPostgresFact]
    public Task Run_now_answers_within_seconds_on_PostgreSQL() => MeasureAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres }, "postgres");

    private async Task MeasureAsync(InvoiceHubOptions options, string storage)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(options);
        using var api = app.CreateClient();
        await using (var db = app.CreateDbContext())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Api.ApiApp.IssueKeyAsync(db, Roles.Admin));
        }
        await RunAsync(api);

        var figures = new ReliabilityFigures($"run-now-{storage}", "Jobs", $"Run now, request to outcome, on Hangfire's {storage} storage");
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await RunAsync(api);
            times.Add(watch.Elapsed.TotalMilliseconds);
            figures.Operation();
            figures.Check(outcome == JobOutcome.Succeeded, $"run {i} ended {outcome}");
            figures.Check(watch.Elapsed < Slowest, $"run {i} took {watch.Elapsed.TotalSeconds:0.0} s");
        }
        times.Sort();
        figures.Detail("runs", Runs);
        figures.Detail("median ms", times[Runs / 2].ToString("0", CultureInfo.InvariantCulture));
        figures.Detail("slowest ms", times[^1].ToString("0", CultureInfo.InvariantCulture));
        output.WriteLine($"{storage}: median {times[Runs / 2]:0} ms, slowest {times[^1]:0} ms");
        figures.WriteAndAssertClean();
    }

    private static async Task<string?> RunAsync(HttpClient api)
    {
        using var response = await api.PostAsync($"/api/v1/jobs/{JobCatalog.EmailDelivery}/run", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())?["outcome"]?.GetValue<string>();
    }
}
