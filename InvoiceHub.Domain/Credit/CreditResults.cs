using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

/// <summary>Credit taken from the balance (<see cref="Entry"/>) and allocated to an invoice (<see cref="Allocation"/>).</summary>
public sealed record CreditApplication(Invoice Invoice, Allocation Allocation, BalanceEntry Entry)
{
    public Money Amount => new(Allocation.AmountMinor, Invoice.Currency);
}

/// <summary>
/// Where the money of a recorded payment went: <see cref="Allocation"/> to the document paid (if an
/// invoice), <see cref="BalanceEntries"/> onto the balance, and what rule 2 then paid from the balance.
/// </summary>
public sealed record RecordedPayment(
    Payment Payment,
    Allocation? Allocation,
    IReadOnlyList<BalanceEntry> BalanceEntries,
    IReadOnlyList<CreditApplication> CreditApplied);

/// <summary>The money that went back to the balance when an invoice was voided (<see cref="Entry"/> null when nothing was paid).</summary>
public sealed record VoidedInvoice(Invoice Invoice, Money Returned, BalanceEntry? Entry);
