using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>A payment as screens and the API show it.</summary>
public sealed record PaymentView(
    int Id,
    Money Amount,
    PaymentMethod Method,
    PaymentProvider Provider,
    PaymentStatus Status,
    string? Reference,
    DateOnly? ReceivedOn,
    DateTimeOffset CreatedAt,
    int? InvoiceId,
    int? CreditRequestId)
{
    public static PaymentView From(Payment payment) =>
        new(payment.Id, payment.Amount, payment.Method, payment.Provider, payment.Status, payment.Reference,
            payment.ReceivedOn, payment.CreatedAt, payment.InvoiceId ?? payment.Invoice?.Id, payment.CreditRequestId ?? payment.CreditRequest?.Id);
}
