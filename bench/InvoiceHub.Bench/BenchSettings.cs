namespace InvoiceHub.Bench;

/// <summary>
/// The command line: <c>--quick</c> (default) or <c>--full</c>, optional <c>--pg &lt;connection string|auto&gt;</c>, overrides,
/// and <c>--only dashboard,list,issue,webhook,circuits,reminders,autocharge</c> (<c>--jobs-only</c> is <c>--only reminders,autocharge</c>).
/// </summary>
public sealed record BenchSettings(bool Full, Data.BenchSize Size, string? Postgres, int WarmUp, int Samples, int Issues, int Webhooks, int Circuits, bool SkipCircuits, IReadOnlySet<string>? Only)
{
    public static BenchSettings Parse(string[] args)
    {
        var full = args.Contains("--full");
        var size = full ? Data.BenchSize.Full : Data.BenchSize.Quick;
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        size = new Data.BenchSize(Int("--clients", size.Clients), Int("--invoices", size.Invoices));
        var only = args.Contains("--jobs-only") ? "reminders,autocharge" : Value("--only");
        return new BenchSettings(full, size, Value("--pg"),
            WarmUp: Int("--warmup", 50),
            Samples: Int("--samples", full ? 1000 : 400),
            Issues: Int("--issues", full ? 3000 : 1000),
            Webhooks: Int("--webhooks", full ? 3000 : 1000),
            Circuits: Int("--circuits", 100),
            SkipCircuits: args.Contains("--no-circuits"),
            Only: only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());
    }

    /// <summary>Whether a measurement runs: every one unless <c>--only</c> names a subset.</summary>
    public bool Runs(string measurement) => Only is null || Only.Contains(measurement);
}
