using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>Money staff received outside the payment providers, for one invoice or credit request.</summary>
public sealed record OfflinePaymentCommand(int DocumentId, Money Amount, PaymentMethod Method, string? Reference, DateOnly? ReceivedOn);

/// <summary>Where the credit of a payment went by rule 2: which invoice, how much.</summary>
public sealed record CreditAppliedView(int InvoiceId, string? Number, Money Amount);

public static class OfflinePayment
{
    public const string InvalidReceivedOn = "invalid_received_on";

    /// <summary>Offline payments are cash, cheque or a bank transfer seen on the statement.</summary>
    public static readonly IReadOnlyDictionary<string, PaymentMethod> Methods =
        new Dictionary<string, PaymentMethod>(StringComparer.OrdinalIgnoreCase)
        {
            ["cash"] = PaymentMethod.Cash,
            ["cheque"] = PaymentMethod.Cheque,
            ["banktransfer"] = PaymentMethod.BankTransfer,
        };

    /// <summary>The day the money arrived: today when not given, never in the future.</summary>
    public static DateOnly ReceivedOn(DateOnly? receivedOn, DateOnly today)
    {
        var day = receivedOn ?? today;
        if (day > today)
        {
            throw new DomainException(InvalidReceivedOn, $"The money cannot have been received after today ({today:yyyy-MM-dd}).", "receivedOn");
        }

        return day;
    }
}
