using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.CreditRequests;

public sealed record CreditRequestPaid(CreditRequest CreditRequest, Payment Payment, Money Amount, DateTimeOffset OccurredAt) : IDomainEvent;

public sealed record CreditRequestCancelled(CreditRequest CreditRequest, DateTimeOffset OccurredAt) : IDomainEvent;
