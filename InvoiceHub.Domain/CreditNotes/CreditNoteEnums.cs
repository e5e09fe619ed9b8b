namespace InvoiceHub.Domain.CreditNotes;

/// <summary>
/// Where money already paid on an invoice goes when a credit note leaves it paid beyond what it now owes: onto the
/// client's balance, or back to the payer (Mollie payments, through a refund; the rest onto the balance).
/// </summary>
public enum PaidMoneyDestination
{
    Balance,
    Payer,
}

/// <summary>How much to credit of one invoice line (by its position): a gross amount, VAT included.</summary>
public sealed record CreditedLine(int InvoiceLinePosition, long AmountMinor);
