namespace InvoiceHub.Domain.Clients;

public enum BalanceEntryKind
{
    /// <summary>A paid credit request topped up the balance (positive).</summary>
    CreditRequestPaid,

    /// <summary>A payment exceeded what its document still needed (positive).</summary>
    Overpayment,

    /// <summary>Money refunded onto the balance instead of back to the payer (positive).</summary>
    RefundToBalance,

    /// <summary>Money of a payment still on the balance went back to the payer with a refund (negative).</summary>
    RefundedToPayer,

    /// <summary>A refund to the payer failed; its money came back onto the balance (positive).</summary>
    RefundFailed,

    /// <summary>Staff correction, either sign, with a reason.</summary>
    ManualAdjustment,

    /// <summary>Credit used to pay an invoice (negative); paired with an allocation.</summary>
    AppliedToInvoice,

    /// <summary>The allocations of a voided invoice came back (positive).</summary>
    InvoiceVoided,

    /// <summary>A chargeback took the payment's credit back off the balance (negative).</summary>
    ChargedBack,

    /// <summary>Credit that paid an invoice came back to the balance so a chargeback could take it (positive); paired with a negative credit allocation.</summary>
    CreditUnapplied,

    /// <summary>A chargeback was reversed: what it took from the balance came back (positive).</summary>
    ChargebackReversed,

    /// <summary>A credit note left the invoice paid beyond what it owes: a payment's money on it came back to the balance (positive).</summary>
    CreditNoteToBalance,

    /// <summary>A credit note left the invoice paid beyond what it owes: credit that paid it came back (positive); paired with a negative credit allocation.</summary>
    CreditReturned,
}
