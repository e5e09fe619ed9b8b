using System.Globalization;
using System.Text.Json;
using InvoiceHub.Tests.Infrastructure;

namespace InvoiceHub.Tests.Nodes;

/// <summary>Writes a two-node measurement to <c>test-artifacts/nodes/{name}.json</c> (git-ignored) and returns it as one printable line.</summary>
public static class TwoNodesFigures
{
    public static string Write(string name, IReadOnlyDictionary<string, double> figures, IEnumerable<double>? samples = null)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "test-artifacts", "nodes");
        Directory.CreateDirectory(folder);
        var withMachine = new Dictionary<string, object>(figures.ToDictionary(f => f.Key, f => (object)Math.Round(f.Value, 1)))
        {
            ["measured_at"] = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "",
        };
        if (samples is not null)
        {
            withMachine["samples_ms"] = string.Join(" ", samples.Select(s => s.ToString("0", CultureInfo.InvariantCulture)));
        }
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(withMachine, new JsonSerializerOptions { WriteIndented = true }));
        return name + ": " + string.Join(", ", withMachine.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value}")));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
