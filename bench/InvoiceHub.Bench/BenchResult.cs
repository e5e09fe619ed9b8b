namespace InvoiceHub.Bench;

/// <summary>One row of the table and of <c>latest.json</c>; a null value means not measured (and so not met).</summary>
public sealed record BenchResult(string Name, double? Value, string Unit, double Target, bool HigherIsBetter, string Note)
{
    public bool Met => Value is { } v && (HigherIsBetter ? v >= Target : v <= Target);

    public string TargetText => (HigherIsBetter ? "≥ " : "≤ ") + Target.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public static BenchResult NotMeasured(string name, string unit, double target, bool higherIsBetter, string reason) =>
        new(name, null, unit, target, higherIsBetter, "not measured: " + reason);

    public BenchResult WithSuffix(string suffix) => this with { Name = Name + suffix };
}

/// <summary>Latency samples taken after a warm-up; percentiles by nearest rank.</summary>
public static class Samples
{
    /// <summary>
    /// Times <paramref name="count"/> runs of the operation after warming it up until the JIT has settled (at least
    /// <paramref name="minWarmUp"/>, at most <paramref name="maxWarmUp"/> runs; see <see cref="WarmUpAsync"/>). A fixed
    /// handful of warm-up runs left sub-millisecond measurements timing tier-0 code: the operation is told whether it is timed.
    /// </summary>
    public static async Task<List<double>> TimeAsync(int minWarmUp, int maxWarmUp, int count, Func<int, bool, Task> operation)
    {
        var warmedUp = await WarmUpAsync(minWarmUp, maxWarmUp, i => operation(i, false));
        // A full collection before timing, so garbage from loading and warm-up does not land in the samples.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await operation(warmedUp + i, true);
            samples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return samples;
    }

    /// <summary>
    /// Runs the operation until the JIT has settled, at least <paramref name="min"/> and at most <paramref name="max"/>
    /// times: tiered compilation keeps recompiling hot methods in the background for a while after a code path is first
    /// used, which a fixed handful of warm-up operations left inside the timed run. A round lasts at least half a second,
    /// longer than the runtime waits (100 ms) before it starts promoting methods, so a quiet round means the recompiles are
    /// done, not yet to come. The promotions queued by then compile on the runtime's background thread (seconds of CPU
    /// on a web app), so the warm-up ends by letting that thread finish: see <see cref="SettleAsync"/>. Returns how many ran.
    /// </summary>
    public static async Task<int> WarmUpAsync(int min, int max, Func<int, Task> operation)
    {
        var round = TimeSpan.FromMilliseconds(500);
        var done = 0;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (done < max)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            while (done < max && System.Diagnostics.Stopwatch.GetElapsedTime(started) < round)
            {
                await operation(done++);
            }
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (done >= min && now - compiled <= 2)
            {
                break;
            }
            compiled = now;
        }
        await SettleAsync();
        return done;
    }

    /// <summary>Waits (at most 10 s) until the process is idle: under 5% of a core for a whole second.</summary>
    public static async Task SettleAsync()
    {
        var quarter = TimeSpan.FromMilliseconds(250);
        var quiet = 0;
        for (var waited = TimeSpan.Zero; quiet < 4 && waited < TimeSpan.FromSeconds(10); waited += quarter)
        {
            var cpu = CpuTime.Start();
            await Task.Delay(quarter);
            quiet = cpu.MillisecondsPer(1) < quarter.TotalMilliseconds * 0.05 ? quiet + 1 : 0;
        }
    }

    public static double Percentile(IReadOnlyList<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(IReadOnlyList<double> samples) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"n={samples.Count} p50={Percentile(samples, 50):0.00} p95={Percentile(samples, 95):0.00} p99={Percentile(samples, 99):0.00} ms");
}

/// <summary>
/// The process's CPU time over a measurement (the app, its simulator and the bench all run in it): unlike the
/// wall clock it hardly moves with other load on a shared machine, so it says what an operation costs.
/// </summary>
public readonly struct CpuTime
{
    private readonly TimeSpan _start;

    private CpuTime(TimeSpan start) => _start = start;

    public static CpuTime Start() => new(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

    public double MillisecondsPer(int operations) =>
        (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMilliseconds / Math.Max(1, operations);
}
