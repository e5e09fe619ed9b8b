namespace InvoiceHub.Domain.Common;

public abstract class AggregateRoot : Entity
{
    /// <summary>Optimistic concurrency token: every state-changing verb increments it once.</summary>
    public int Version { get; private set; }

    protected void IncrementVersion() => Version++;
}
