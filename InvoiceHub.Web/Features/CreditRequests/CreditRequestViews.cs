using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Features.Payments;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>A credit request and the payments made for it.</summary>
public sealed record CreditRequestView(
    int Id,
    int ClientId,
    CreditRequestStatus Status,
    Money Amount,
    string Description,
    DateOnly? DueDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    IReadOnlyList<PaymentView> Payments)
{
    public static CreditRequestView From(CreditRequest request, IEnumerable<PaymentView> payments)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.ClientId, request.Status, request.Amount, request.Description, request.DueDate,
            request.CreatedAt, request.PaidAt, payments.ToList());
    }
}
