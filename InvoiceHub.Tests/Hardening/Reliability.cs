using System.Text.Json;
using InvoiceHub.Tests.Infrastructure;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// What one hardening test measured: how many checks, payloads, injected faults and operations it tried and how
/// many violations it found. Written to <c>test-artifacts/reliability/{Name}.json</c>; <c>.ci/reliability-report.py</c>
/// renders docs/RELIABILITY.md from these files, so the report shows the figures the tests measured.
/// </summary>
public sealed class ReliabilityFigures(string name, string area, string title)
{
    private readonly Lock _gate = new();

    public string Name { get; } = name;
    public string Area { get; } = area;
    public string Title { get; } = title;
    public int Checks { get; private set; }
    public int Payloads { get; private set; }
    public int Faults { get; private set; }
    public long Operations { get; private set; }
    public List<string> Violations { get; } = [];
    public SortedDictionary<string, string> Details { get; } = new(StringComparer.Ordinal);

    public void Check(bool holds, string violation)
    {
        lock (_gate)
        {
            Checks++;
            if (!holds)
            {
                Violations.Add(violation);
            }
        }
    }

    public void Payload() { lock (_gate) { Payloads++; } }

    public void Fault() { lock (_gate) { Faults++; } }

    public void Operation(long count = 1) { lock (_gate) { Operations += count; } }

    public void Detail(string key, object value) { lock (_gate) { Details[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""; } }

    /// <summary>Writes the figures and fails the test when anything was violated.</summary>
    public void WriteAndAssertClean()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "test-artifacts", "reliability");
        Directory.CreateDirectory(folder);
        lock (_gate)
        {
            var json = JsonSerializer.Serialize(new
            {
                name = Name,
                area = Area,
                title = Title,
                checks = Checks,
                payloads = Payloads,
                faults = Faults,
                operations = Operations,
                violations = Violations,
                details = Details,
                measuredAt = DateTimeOffset.UtcNow,
            }, new JsonSerializerOptions { WriteIndented = true });
            File.WriteAllText(Path.Combine(folder, Name + ".json"), json);
            Assert.True(Checks > 0, $"{Name} checked nothing.");
            Assert.True(Violations.Count == 0, $"{Name}: {Violations.Count} violation(s):\n" + string.Join("\n", Violations.Take(40)));
        }
    }
}
