namespace InvoiceHub.Bench.Data;

/// <summary>How much business the generator writes.</summary>
public sealed record BenchSize(int Clients, int Invoices)
{
    public static BenchSize Quick { get; } = new(10_000, 100_000);

    public static BenchSize Full { get; } = new(100_000, 1_000_000);

    public override string ToString() => $"{Invoices:N0} invoices, {Clients:N0} clients";
}
