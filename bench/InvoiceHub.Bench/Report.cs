using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvoiceHub.Bench;

/// <summary>The console table, <c>bench/results/latest.json</c> and (for --full) <c>docs/PERFORMANCE.md</c>.</summary>
public static class Report
{
    public static string Table(IReadOnlyList<BenchResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| measurement | value | target | met | notes |");
        text.AppendLine("|---|---:|---:|:---:|---|");
        foreach (var r in results)
        {
            var value = r.Value is { } v ? v.ToString(v >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture) + " " + r.Unit : "—";
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{r.Name}` | {value} | {r.TargetText} {r.Unit} | {(r.Met ? "yes" : "no")} | {r.Note} |");
        }
        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<BenchResult> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var rows = results.Select(r => new JsonRow(r.Name, r.Value is { } v ? Math.Round(v, 3) : null, r.Unit, r.Target, r.Met));
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(rows, JsonOptions) + Environment.NewLine);
    }

    public static async Task WritePerformanceDocAsync(string path, IReadOnlyList<BenchResult> results, string machine, string data, string load)
    {
        var doc = new StringBuilder();
        doc.AppendLine("# InvoiceHub performance");
        doc.AppendLine();
        doc.AppendLine("Written by `dotnet run -c Release --project bench/InvoiceHub.Bench -- --full`; do not edit by hand.");
        doc.AppendLine();
        doc.AppendLine(CultureInfo.InvariantCulture, $"- **Date:** {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        doc.AppendLine(CultureInfo.InvariantCulture, $"- **Machine:** {machine}");
        doc.AppendLine(CultureInfo.InvariantCulture, $"- **Data:** {data}");
        doc.AppendLine(CultureInfo.InvariantCulture, $"- **Load during the run:** {load}");
        doc.AppendLine();
        doc.Append(Table(results));
        doc.AppendLine();
        doc.AppendLine("## How the figures were taken");
        doc.AppendLine();
        doc.AppendLine("- The app is the real one (its `Program`, migrations, Kestrel on 127.0.0.1) on SQLite in WAL mode with `synchronous=NORMAL` (decision 0007); its writers take turns at one in-process gate (decision 0012).");
        doc.AppendLine("- Latencies are p95 after a warm-up that lasts until the JIT has settled (tier-1 code, as a server runs after its first minutes). `dashboard_vs_floor_ratio` divides the dashboard's p95 (a fresh scope and HtmlRenderer, the dashboard's one query on its kept prepared statement (decision 0014), the component render) by the p95 of the same data read by one hand-written SQL statement prepared on an open raw connection, interleaved sample by sample.");
        doc.AppendLine("- `webhook_settle_per_s` runs with `RateLimits:WebhookPerMinute` raised to 10,000,000: all 16 senders are 127.0.0.1, and the production limit (3,000 a minute per address, below 300 a second) would measure the limiter instead of settlement.");
        doc.AppendLine("- The jobs run through Hangfire as Run now does, timed by their own `JobRuns` row. Reminders: at least 100,000 open invoices whose reminder step has come, nine in ten already reminded for that step, so one in ten document is due. Auto-charge: 10,000 open credit requests of 2,000 clients with valid mandates at the simulator; each charge is stored, submitted and left pending there, as SEPA direct debits are for days.");
        doc.AppendLine("- CPU seconds in the notes are the bench process's (app, simulator and load generator together); unlike wall-clock figures they hardly move with other load on a shared machine.");
        await File.WriteAllTextAsync(path, doc.ToString());
    }

    public static string Machine() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0.0} GB, " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

    public static string Load()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {parts[0]} / {parts[1]} / {parts[2]} (1/5/15 min) on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record JsonRow(string Name, double? Value, string Unit, double Target, bool Met);
}
