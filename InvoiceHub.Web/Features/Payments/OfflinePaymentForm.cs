using InvoiceHub.Domain;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>What staff type into Take Payment ▸ Offline, on the invoice and the credit request page.</summary>
public sealed class OfflinePaymentForm
{
    public string Method { get; set; } = "cash";
    public string? Amount { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Reference { get; set; }

    /// <summary>Starts at the whole amount still to pay, received today.</summary>
    public static OfflinePaymentForm For(Money stillToPay, DateOnly today) =>
        new() { Amount = stillToPay.ToDecimalString(), ReceivedOn = today };

    /// <summary>The command, or null with a message per field in <paramref name="errors"/>.</summary>
    public OfflinePaymentCommand? ToCommand(int documentId, Currency currency, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Clear();
        if (!OfflinePayment.Methods.TryGetValue(Method, out var method))
        {
            errors["method"] = AdminText.ChooseOfflineMethod;
        }
        if (!Money.TryParse(Amount?.Trim(), currency, out var amount) || !amount.IsPositive)
        {
            errors["amount"] = AdminText.EnterAmountReceived;
        }
        if (ReceivedOn is null)
        {
            errors["receivedOn"] = AdminText.EnterDayMoneyArrived;
        }
        if (errors.Count > 0)
        {
            return null;
        }
        var reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim();
        return new OfflinePaymentCommand(documentId, amount, method, reference, ReceivedOn);
    }
}
