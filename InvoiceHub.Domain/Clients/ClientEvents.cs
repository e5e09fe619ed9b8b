using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Clients;

public sealed record BalanceChanged(Client Client, BalanceEntry Entry, Money Balance, DateTimeOffset OccurredAt) : IDomainEvent;
