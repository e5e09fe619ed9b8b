using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvoiceHub.Web.Data;

/// <summary>
/// A request counted at a public door in the current minute, shared by every node (docs/decisions/0022). One row per
/// door and client address: the upsert that counts a request also starts a new window when the minute has moved on.
/// </summary>
public sealed class RateLimitCounter
{
    private RateLimitCounter()
    {
    }

    /// <summary><c>door:address</c>, e.g. <c>webhook:203.0.113.7</c>.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The fixed window: minutes since the Unix epoch (UTC).</summary>
    public long Window { get; private set; }

    public int Count { get; private set; }
}

/// <summary>
/// A committed change as SQL Server's nodes pass it on: polled by every node, kept a few minutes (docs/decisions/0022).
/// PostgreSQL uses LISTEN/NOTIFY instead and SQLite has one node, so there the table stays empty.
/// </summary>
public sealed class NodeChange
{
    private NodeChange()
    {
    }

    public long Id { get; private set; }

    /// <summary>The node that committed the change (it delivered it to its own pages already).</summary>
    public string Origin { get; private set; } = "";

    public int Kind { get; private set; }

    public int DocumentId { get; private set; }

    public int ClientId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.ToTable("RateLimitCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(100);
    }
}

internal sealed class NodeChangeConfiguration : IEntityTypeConfiguration<NodeChange>
{
    public void Configure(EntityTypeBuilder<NodeChange> builder)
    {
        builder.ToTable("NodeChanges");
        builder.Property(c => c.Origin).HasMaxLength(40);
        builder.HasIndex(c => c.CreatedAt);
    }
}
