using InvoiceHub.Domain.Clients;
using System.Globalization;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Resources;

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
            BalanceEntryKind.CreditRequestPaid => AdminText.LedgerCreditRequestPaid,
            BalanceEntryKind.Overpayment => AdminText.LedgerOverpayment,
            BalanceEntryKind.RefundToBalance => AdminText.LedgerRefundToBalance,
            BalanceEntryKind.RefundedToPayer => AdminText.LedgerRefundedToPayer,
            BalanceEntryKind.RefundFailed => AdminText.LedgerRefundFailed,
            BalanceEntryKind.ManualAdjustment => AdminText.LedgerManualAdjustment,
            BalanceEntryKind.AppliedToInvoice => AdminText.LedgerAppliedToInvoice,
            BalanceEntryKind.InvoiceVoided => AdminText.LedgerInvoiceVoided,
            BalanceEntryKind.ChargedBack => AdminText.LedgerChargedBack,
            BalanceEntryKind.CreditUnapplied => AdminText.LedgerCreditUnapplied,
            BalanceEntryKind.ChargebackReversed => AdminText.LedgerChargebackReversed,
            BalanceEntryKind.CreditNoteToBalance => AdminText.LedgerCreditNoteToBalance,
            BalanceEntryKind.CreditReturned => AdminText.LedgerCreditReturned,
            _ => AdminText.LedgerBalanceChange,
        };
        // The document the entry is about comes first; a payment where no document is named, and for an
        // overpayment, which is about the payment that brought too much.
        if (row is { Kind: BalanceEntryKind.Overpayment, PaymentId: { } overpaid })
        {
            return new(text + " ", Format(AdminText.OfPayment, overpaid), $"/admin/payments/{overpaid}");
        }
        if (row.InvoiceId is { } invoiceId)
        {
            return new(text + " — ", row.InvoiceNumber ?? AdminText.DraftInvoice, $"/admin/invoices/{invoiceId}");
        }
        if (row.CreditRequestId is { } requestId)
        {
            return new(text + " — ", CreditRequest.NumberFor(requestId), $"/admin/credit-requests/{requestId}");
        }
        if (row.PaymentId is { } paymentId)
        {
            return new(text + " ", Format(AdminText.OfPayment, paymentId), $"/admin/payments/{paymentId}");
        }
        return new(text, null, null);
    }

    private static string Format(string text, object value) => string.Format(CultureInfo.CurrentCulture, text, value);
}
