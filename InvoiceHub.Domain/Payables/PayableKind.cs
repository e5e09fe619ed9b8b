namespace InvoiceHub.Domain.Payables;

/// <summary>The kinds of document a client can pay. Stored by name (payment links, payments for several documents).</summary>
public enum PayableKind
{
    Invoice,
    CreditRequest,
}
