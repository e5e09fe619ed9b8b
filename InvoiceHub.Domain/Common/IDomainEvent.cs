namespace InvoiceHub.Domain.Common;

/// <summary>Something that happened in the domain; dispatched after the aggregate is saved.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
