namespace InvoiceHub.Domain.Invoices;

public enum AllocationSource
{
    /// <summary>Money of a paid <see cref="Payments.Payment"/> went straight to the invoice.</summary>
    Payment,

    /// <summary>Credit from the client's balance; the ledger holds the matching AppliedToInvoice entry.</summary>
    Balance,

    /// <summary>A credit note took this much off what the invoice owes; not money (no payment, no ledger entry).</summary>
    CreditNote,
}
