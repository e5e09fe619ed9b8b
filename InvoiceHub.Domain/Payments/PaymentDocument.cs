using InvoiceHub.Domain.Payables;

namespace InvoiceHub.Domain.Payments;

/// <summary>
/// One document a payment for several documents covers ("Pay several at once"). <see cref="Open"/> is true while the
/// payment may still be paid; a filtered unique index keeps one open payment per document, as the Payments indexes do
/// for single-document payments (docs/decisions/0009).
/// </summary>
public sealed class PaymentDocument
{
    private PaymentDocument()
    {
    }

    public PaymentDocument(Payment payment, PayableKind kind, int documentId)
    {
        Payment = payment;
        Kind = kind;
        DocumentId = documentId;
        Open = true;
    }

    public int Id { get; private set; }

    public int PaymentId { get; private set; }

    public Payment? Payment { get; private set; }

    public PayableKind Kind { get; private set; }

    public int DocumentId { get; private set; }

    public bool Open { get; private set; }

    public void Close() => Open = false;
}
