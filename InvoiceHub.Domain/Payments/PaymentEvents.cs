using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Payments;

/// <summary><see cref="From"/> is null when the payment was created in <see cref="To"/> (an offline payment is created Paid).</summary>
public sealed record PaymentStatusChanged(Payment Payment, PaymentStatus? From, PaymentStatus To, DateTimeOffset OccurredAt) : IDomainEvent;
