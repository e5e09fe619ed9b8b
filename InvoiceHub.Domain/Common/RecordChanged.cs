namespace InvoiceHub.Domain.Common;

/// <summary>
/// A change to an aggregate that has no event of its own (a draft's lines, a client's name or switches, a document
/// claimed for an online payment): open pages refresh on it like on any other event.
/// </summary>
public sealed record RecordChanged(IClientRecord Record, string What, DateTimeOffset OccurredAt) : IDomainEvent;
