using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Payables;

/// <summary>The rules every payable document follows when it is paid online.</summary>
public static class PayableRules
{
    /// <summary>Refuses a claim on a document that cannot be paid now, in words the payer can act on.</summary>
    public static void EnsurePayable(IPayableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsPayable)
        {
            throw new DomainException(
                ErrorCodes.DocumentNotPayable,
                $"{document.Reference} is {document.StatusName.ToLowerInvariant()} and cannot be paid online.");
        }
    }

    /// <summary>
    /// Why <paramref name="amount"/> cannot be paid online on <paramref name="document"/> (null when it can): the whole
    /// amount always; less only where the document and the settings accept partial payments, and then at least the
    /// minimum (or everything, when less than the minimum is left).
    /// </summary>
    public static string? PartialAmountProblem(IPayableDocument document, bool partialAllowed, long minimumPartialMinor, Money amount)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stillToPay = document.StillToPay;
        return !document.AcceptsPartialPayment && amount.Currency == stillToPay.Currency && amount != stillToPay
            ? $"A credit request is paid in full: {stillToPay.ToDecimalString()} {stillToPay.Currency.Code}."
            : PartialAmountProblem(stillToPay, partialAllowed, minimumPartialMinor, amount);
    }

    /// <summary>The same rule for an invoice's still-to-pay amount alone (the Pay Now form checks it before anything is loaded).</summary>
    public static string? PartialAmountProblem(Money stillToPay, bool partialAllowed, long minimumPartialMinor, Money amount)
    {
        if (amount.Currency != stillToPay.Currency)
        {
            return $"Enter the amount in {stillToPay.Currency.Code}.";
        }

        if (amount == stillToPay)
        {
            return null;
        }

        var minimum = Math.Min(minimumPartialMinor, stillToPay.Minor);
        if (!partialAllowed)
        {
            return $"Pay the whole {stillToPay} still to pay; partial online payments are not accepted.";
        }

        return amount.Minor < minimum || amount > stillToPay
            ? $"Enter an amount from {new Money(minimum, stillToPay.Currency)} to {stillToPay}."
            : null;
    }
}
