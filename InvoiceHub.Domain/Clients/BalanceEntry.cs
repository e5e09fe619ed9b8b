using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Clients;

/// <summary>
/// One line of the client's append-only balance ledger. References point at the objects, because their
/// ids exist only once the database has saved them; the ids are filled when already known.
/// </summary>
public sealed class BalanceEntry : Entity
{
    private BalanceEntry()
    {
    }

    private BalanceEntry(BalanceEntryKind kind, long amountMinor, long balanceAfterMinor, string? reason, DateTimeOffset createdAt)
    {
        Kind = kind;
        AmountMinor = amountMinor;
        BalanceAfterMinor = balanceAfterMinor;
        Reason = reason;
        CreatedAt = createdAt;
    }

    public BalanceEntryKind Kind { get; private set; }

    /// <summary>Signed: credits are positive, debits negative.</summary>
    public long AmountMinor { get; private set; }

    /// <summary>The client's balance right after this entry.</summary>
    public long BalanceAfterMinor { get; private set; }

    public string? Reason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public int? InvoiceId { get; private set; }

    public Invoice? Invoice { get; private set; }

    public int? CreditRequestId { get; private set; }

    public CreditRequest? CreditRequest { get; private set; }

    public int? PaymentId { get; private set; }

    public Payment? Payment { get; private set; }

    /// <summary>For AppliedToInvoice: the allocation this entry paid for.</summary>
    public Allocation? Allocation { get; private set; }

    internal static BalanceEntry Create(
        BalanceEntryKind kind,
        long amountMinor,
        long balanceAfterMinor,
        string? reason,
        DateTimeOffset now,
        Invoice? invoice = null,
        CreditRequest? creditRequest = null,
        Payment? payment = null,
        Allocation? allocation = null)
    {
        return new BalanceEntry(kind, amountMinor, balanceAfterMinor, reason, now)
        {
            Invoice = invoice,
            InvoiceId = IdOf(invoice),
            CreditRequest = creditRequest,
            CreditRequestId = IdOf(creditRequest),
            Payment = payment,
            PaymentId = IdOf(payment),
            Allocation = allocation,
        };
    }

    private static int? IdOf(Entity? entity) => entity is { Id: > 0 } ? entity.Id : null;
}
