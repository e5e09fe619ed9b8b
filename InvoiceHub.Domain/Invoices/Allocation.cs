using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Invoices;

/// <summary>
/// A part of an invoice that was paid, either by a payment or from the client's balance. Allocations are
/// never deleted: voiding the invoice marks them voided and returns their amount to the balance.
/// </summary>
public sealed class Allocation : Entity
{
    private Allocation()
    {
    }

    private Allocation(long amountMinor, AllocationSource source, Payment? payment, DateTimeOffset createdAt)
    {
        AmountMinor = amountMinor;
        Source = source;
        Payment = payment;
        PaymentId = payment is { Id: > 0 } ? payment.Id : null;
        CreatedAt = createdAt;
    }

    public long AmountMinor { get; private set; }

    public AllocationSource Source { get; private set; }

    /// <summary>Set when <see cref="Source"/> is Payment.</summary>
    public int? PaymentId { get; private set; }

    public Payment? Payment { get; private set; }

    /// <summary>The AppliedToInvoice ledger entry, when <see cref="Source"/> is Balance.</summary>
    public BalanceEntry? BalanceEntry { get; private set; }

    /// <summary>Set on the negative allocation by which a refund took money of a payment back off the invoice.</summary>
    public int? RefundId { get; private set; }

    public Refund? Refund { get; private set; }

    /// <summary>Set on the negative allocation by which a chargeback took money back off the invoice (a payment's or the balance's).</summary>
    public int? ChargebackId { get; private set; }

    public Chargeback? Chargeback { get; private set; }

    /// <summary>
    /// Set on the credit note's own allocation (<see cref="AllocationSource.CreditNote"/>) and on the negative allocations by
    /// which it moved money paid beyond what the invoice now owes off the invoice.
    /// </summary>
    public int? CreditNoteId { get; private set; }

    public CreditNote? CreditNote { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    public bool IsVoided => VoidedAt is not null;

    internal static Allocation FromPayment(long amountMinor, Payment payment, DateTimeOffset now) =>
        new(amountMinor, AllocationSource.Payment, payment, now);

    internal static Allocation Reversal(long amountMinor, Payment payment, Refund refund, DateTimeOffset now) =>
        new(-amountMinor, AllocationSource.Payment, payment, now) { Refund = refund, RefundId = refund is { Id: > 0 } ? refund.Id : null };

    internal static Allocation ChargebackReversal(long amountMinor, Payment payment, Chargeback chargeback, DateTimeOffset now) =>
        new(-amountMinor, AllocationSource.Payment, payment, now) { Chargeback = chargeback, ChargebackId = chargeback is { Id: > 0 } ? chargeback.Id : null };

    internal static Allocation CreditUnapplied(long amountMinor, Chargeback chargeback, DateTimeOffset now) =>
        new(-amountMinor, AllocationSource.Balance, null, now) { Chargeback = chargeback, ChargebackId = chargeback is { Id: > 0 } ? chargeback.Id : null };

    internal static Allocation ByCreditNote(CreditNote creditNote, DateTimeOffset now) =>
        new(creditNote.TotalMinor, AllocationSource.CreditNote, null, now) { CreditNote = creditNote };

    /// <summary>A credit note moved money of <paramref name="payment"/> (or credit, when null) off the invoice.</summary>
    internal static Allocation ReturnedByCreditNote(long amountMinor, Payment? payment, CreditNote creditNote, DateTimeOffset now) =>
        new(-amountMinor, payment is null ? AllocationSource.Balance : AllocationSource.Payment, payment, now) { CreditNote = creditNote };

    /// <summary>Whether a chargeback made this (negative) allocation.</summary>
    public bool IsOf(Chargeback chargeback) =>
        ReferenceEquals(Chargeback, chargeback) || (chargeback.Id > 0 && ChargebackId == chargeback.Id);

    /// <summary>Whether the money is the given payment's (a payment allocation or a refund's reversal of one).</summary>
    public bool IsOf(Payment payment) =>
        Source == AllocationSource.Payment && (ReferenceEquals(Payment, payment) || (payment.Id > 0 && PaymentId == payment.Id));

    internal static Allocation FromBalance(long amountMinor, DateTimeOffset now) =>
        new(amountMinor, AllocationSource.Balance, null, now);

    internal void LinkLedgerEntry(BalanceEntry entry) => BalanceEntry = entry;

    internal void MarkVoided(DateTimeOffset now) => VoidedAt ??= now;
}
