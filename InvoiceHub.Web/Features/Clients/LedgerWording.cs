using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>
/// A ledger line in words ("Paid from balance — INV-2026-00012"): <see cref="Text"/> reads on into <see cref="LinkText"/>,
/// the document or payment the entry is about, which staff open at <see cref="Href"/>.
/// </summary>
public sealed record LedgerWording(string Text, string? LinkText, string? Href)
{
    public static LedgerWording Of(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = row.Kind switch
        {
            BalanceEntryKind.CreditRequestPaid => "Credit request paid",
            BalanceEntryKind.Overpayment => "Overpayment",
            BalanceEntryKind.RefundToBalance => "Refunded to the balance",
            BalanceEntryKind.RefundedToPayer => "Refunded to the payer",
            BalanceEntryKind.RefundFailed => "Refund failed, back on the balance",
            BalanceEntryKind.ManualAdjustment => "Manual adjustment",
            BalanceEntryKind.AppliedToInvoice => "Paid from balance",
            BalanceEntryKind.InvoiceVoided => "Invoice voided, payment back on the balance",
            BalanceEntryKind.ChargedBack => "Chargeback",
            BalanceEntryKind.CreditUnapplied => "Credit taken back from an invoice for a chargeback",
            BalanceEntryKind.ChargebackReversed => "Chargeback reversed",
            BalanceEntryKind.CreditNoteToBalance => "Credit note: payment back on the balance",
            BalanceEntryKind.CreditReturned => "Credit note: credit back on the balance",
            _ => "Balance change",
        };
        // The document the entry is about comes first; a payment where no document is named, and for an
        // overpayment, which is about the payment that brought too much.
        if (row is { Kind: BalanceEntryKind.Overpayment, PaymentId: { } overpaid })
        {
            return new(text + " of ", $"payment {overpaid}", $"/admin/payments/{overpaid}");
        }
        if (row.InvoiceId is { } invoiceId)
        {
            return new(text + " — ", row.InvoiceNumber ?? "Draft invoice", $"/admin/invoices/{invoiceId}");
        }
        if (row.CreditRequestId is { } requestId)
        {
            return new(text + " — ", CreditRequest.NumberFor(requestId), $"/admin/credit-requests/{requestId}");
        }
        if (row.PaymentId is { } paymentId)
        {
            return new(text + " of ", $"payment {paymentId}", $"/admin/payments/{paymentId}");
        }
        return new(text, null, null);
    }
}
