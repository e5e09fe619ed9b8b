using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>The timeline entries an invoice and a credit request share: their payments and the balance entries they caused.</summary>
public static class DocumentTimeline
{
    public static TimelineEntry PaymentEntry(Payment payment, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.CreatedAt, $"Payment {payment.Status.ToString().ToLowerInvariant()}: {Amount(payment.AmountMinor, currency)}",
            $"{PaymentMethodName(payment.Method)}{(payment.ReceivedOn is { } r ? $", received {r:yyyy-MM-dd}" : "")}{(payment.Reference is { } reference ? $", reference {reference}" : "")}");
    }

    /// <summary>The ledger entries of one document other than credit applied to an invoice (shown as "Paid from credit").</summary>
    public static async Task<IEnumerable<TimelineEntry>> BalanceEntriesAsync(IQueryable<BalanceEntry> entries, Currency currency, CancellationToken cancellationToken)
    {
        var rows = await entries.AsNoTracking().Where(e => e.Kind != BalanceEntryKind.AppliedToInvoice)
            .Select(e => new { e.Kind, e.AmountMinor, e.BalanceAfterMinor, e.Reason, e.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new TimelineEntry(e.CreatedAt, $"{LedgerKindName(e.Kind)}: {Amount(e.AmountMinor, currency)} to the balance",
            $"Balance after: {Amount(e.BalanceAfterMinor, currency)}{(e.Reason is { } reason ? $" · {reason}" : "")}"));
    }

    public static string Amount(long minor, Currency currency) => $"{new Money(minor, currency).ToDecimalString()} {currency.Code}";

    public static string PaymentMethodName(PaymentMethod method) => method switch
    {
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.DirectDebit => "Direct debit",
        PaymentMethod.Ideal => "iDEAL",
        PaymentMethod.PayPal => "PayPal",
        _ => method.ToString(),
    };

    private static string LedgerKindName(BalanceEntryKind kind) => kind switch
    {
        BalanceEntryKind.Overpayment => "Overpayment",
        BalanceEntryKind.InvoiceVoided => "Returned on void",
        BalanceEntryKind.RefundToBalance => "Refund to balance",
        BalanceEntryKind.CreditRequestPaid => "Credit request paid",
        _ => "Adjustment",
    };
}
