using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Api;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>A payment in API responses.</summary>
public sealed record PaymentResponse(
    int Id,
    MoneyDto Amount,
    string Method,
    string Provider,
    string Status,
    string? Reference,
    DateOnly? ReceivedOn,
    DateTimeOffset CreatedAt,
    int? InvoiceId,
    int? CreditRequestId)
{
    public static PaymentResponse From(PaymentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.Id, MoneyDto.From(view.Amount), MethodName(view.Method), view.Provider.ToString(), view.Status.ToString(),
            view.Reference, view.ReceivedOn, view.CreatedAt, view.InvoiceId, view.CreditRequestId);
    }

    /// <summary>The API spells methods in lower case, as in requests: cash, cheque, banktransfer, card, ….</summary>
    public static string MethodName(PaymentMethod method) => method.ToString().ToLowerInvariant();
}

/// <summary>The body of an offline payment: <c>{amount, method: cash|cheque|banktransfer, reference, receivedOn}</c>.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record OfflinePaymentRequest(MoneyDto? Amount, string? Method, string? Reference, DateOnly? ReceivedOn)
{
    /// <summary>Checks the body against the document's currency; null when something is wrong (recorded in <paramref name="input"/>).</summary>
    public OfflinePaymentCommand? ToCommand(int documentId, InvoiceHub.Domain.Currency currency, ApiInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var amount = input.Money(Amount, currency, "amount", AmountRule.Positive);
        PaymentMethod? method = null;
        if (string.IsNullOrWhiteSpace(Method))
        {
            input.Add("method", ApiText.FieldOfflineMethodMissing);
        }
        else if (OfflinePayment.Methods.TryGetValue(Method, out var known))
        {
            method = known;
        }
        else
        {
            input.Add("method", ProblemText.Format(ApiText.FieldOfflineMethodUnknown, Method));
        }

        if (Reference is { Length: > Payment.MaxReferenceLength })
        {
            input.Add("reference", ProblemText.Format(ApiText.FieldReferenceTooLong, Payment.MaxReferenceLength));
        }

        return input.IsValid && amount is { } a && method is { } m
            ? new OfflinePaymentCommand(documentId, a, m, Reference, ReceivedOn)
            : null;
    }
}
