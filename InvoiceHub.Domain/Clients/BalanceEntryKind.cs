namespace InvoiceHub.Domain.Clients;

public enum BalanceEntryKind
{
    /// <summary>A paid credit request topped up the balance (positive).</summary>
    CreditRequestPaid,

    /// <summary>A payment exceeded what its document still needed (positive).</summary>
    Overpayment,

    /// <summary>Money refunded onto the balance instead of back to the payer (positive).</summary>
    RefundToBalance,

    /// <summary>Staff correction, either sign, with a reason.</summary>
    ManualAdjustment,

    /// <summary>Credit used to pay an invoice (negative); paired with an allocation.</summary>
    AppliedToInvoice,

    /// <summary>The allocations of a voided invoice came back (positive).</summary>
    InvoiceVoided,
}
