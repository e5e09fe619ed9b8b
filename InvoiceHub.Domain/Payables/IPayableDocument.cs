using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Payables;

/// <summary>
/// What every document a client pays shares (an invoice, a credit request, and whatever comes next): its reference,
/// what it still needs, whether it can be paid now, and the claim an online payment takes on it. Recording the money
/// is <see cref="Credit.CreditRules"/>' work, which knows what each kind does with it.
/// </summary>
/// <summary>One line of a payable document as the payer reads it; <see cref="TotalMinor"/> includes tax.</summary>
public sealed record PayableLine(string Description, decimal Quantity, long UnitPriceMinor, decimal TaxRatePercent, long TotalMinor);

public interface IPayableDocument : IClientRecord
{
    PayableKind Kind { get; }

    /// <summary>The number people read: <c>INV-2026-00001</c>, <c>CR-19</c>.</summary>
    string Reference { get; }

    Currency Currency { get; }

    /// <summary>What a payment of it in full pays now; zero when it is not open.</summary>
    Money StillToPay { get; }

    DateOnly? DueDate { get; }

    DateTimeOffset CreatedAt { get; }

    /// <summary>The status by name (<c>Open</c>, <c>Paid</c>, …), for messages and views.</summary>
    string StatusName { get; }

    /// <summary>Whether the client may see it (an invoice once issued; a credit request always).</summary>
    bool IsIssued { get; }

    Money Total { get; }

    /// <summary>What the document is for, line by line, as the payer reads it.</summary>
    IReadOnlyList<PayableLine> PayableLines();

    /// <summary>Open with something still to pay.</summary>
    bool IsPayable { get; }

    /// <summary>Whether a payment may cover part of it (invoices, where the settings allow it); a credit request is paid whole.</summary>
    bool AcceptsPartialPayment { get; }

    /// <summary>
    /// An online payment is being started for the document: its Version moves on, so two starts racing on it conflict
    /// and the later one sees the first one's open payment.
    /// </summary>
    void ClaimForOnlinePayment(DateTimeOffset now);
}
