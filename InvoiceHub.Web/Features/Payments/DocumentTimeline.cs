using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>The timeline entries an invoice and a credit request share: their payments, the balance entries they caused and their emails.</summary>
public static class DocumentTimeline
{
    public static TimelineEntry PaymentEntry(Payment payment, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.CreatedAt, $"Payment {StatusName(payment.Status)}: {Shown(payment.AmountMinor, currency)}",
            $"{PaymentMethodName(payment.Method)}{(payment.ReceivedOn is { } r ? $", received {Display.Date(r)}" : "")}{(payment.Reference is { } reference ? $", reference {reference}" : "")}");
    }

    public static string StatusName(PaymentStatus status) => status == PaymentStatus.ChargedBack ? "charged back" : status.ToString().ToLowerInvariant();

    /// <summary>The ledger entries of one document other than credit applied to an invoice (shown as "Paid from credit").</summary>
    public static async Task<IEnumerable<TimelineEntry>> BalanceEntriesAsync(IQueryable<BalanceEntry> entries, Currency currency, CancellationToken cancellationToken)
    {
        var rows = await entries.AsNoTracking().Where(e => e.Kind != BalanceEntryKind.AppliedToInvoice)
            .Select(e => new { e.Kind, e.AmountMinor, e.BalanceAfterMinor, e.Reason, e.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new TimelineEntry(e.CreatedAt, $"{LedgerKindName(e.Kind)}: {Shown(e.AmountMinor, currency)} to the balance",
            $"Balance after: {Shown(e.BalanceAfterMinor, currency)}{(e.Reason is { } reason ? $" · {reason}" : "")}"));
    }

    /// <summary>The emails about one document (Send &amp; Print, payment requests, reminders …) with their delivery status.</summary>
    public static async Task<IEnumerable<TimelineEntry>> EmailsAsync(IQueryable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var rows = await messages.AsNoTracking()
            .Select(m => new { m.Kind, m.To, m.Subject, m.Status, m.CreatedAt, m.SentAt, m.LastError })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new TimelineEntry(m.CreatedAt, $"Email: {EmailKindName(m.Kind)}",
            $"To {m.To} · {m.Subject}{(m.SentAt is { } sent ? $" · sent {sent:d MMM yyyy HH:mm}" : "")}{(m.Status != OutboxStatus.Sent && m.LastError is { } error ? $" · {error}" : "")}",
            EmailStatusName(m.Status)));
    }

    public static string EmailStatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Sent => "sent",
        OutboxStatus.Failed => "failed",
        _ => "queued",
    };

    private static string EmailKindName(string kind) => kind switch
    {
        DocumentEmails.InvoiceSentKind => "invoice sent (Send & Print)",
        DocumentEmails.PaymentRequestKind => "payment request",
        DocumentEmails.FreshLinkKind => "fresh payment link",
        DocumentEmails.ReminderKind => "reminder",
        DocumentEmails.AutoChargeFailedKind => "auto-charge failed",
        DocumentEmails.ChargebackKind => "chargeback",
        _ => kind,
    };

    /// <summary>An amount on a page (the timeline): the one format people read everywhere on screen.</summary>
    private static string Shown(long minor, Currency currency) => Display.Money(minor, currency.Code);

    public static string Amount(long minor, Currency currency) => new Money(minor, currency).ToDisplayString();

    public static string PaymentMethodName(PaymentMethod method) => method switch
    {
        PaymentMethod.Card => SharedText.MethodCard,
        PaymentMethod.BankTransfer => SharedText.MethodBankTransfer,
        PaymentMethod.DirectDebit => SharedText.MethodDirectDebit,
        PaymentMethod.Ideal => SharedText.MethodIdeal,
        PaymentMethod.PayPal => SharedText.MethodPayPal,
        PaymentMethod.Cash => SharedText.MethodCash,
        PaymentMethod.Cheque => SharedText.MethodCheque,
        PaymentMethod.Balance => SharedText.MethodBalance,
        _ => SharedText.MethodOther,
    };

    private static string LedgerKindName(BalanceEntryKind kind) => kind switch
    {
        BalanceEntryKind.Overpayment => "Overpayment",
        BalanceEntryKind.InvoiceVoided => "Returned on void",
        BalanceEntryKind.RefundToBalance => "Refund to balance",
        BalanceEntryKind.CreditRequestPaid => "Credit request paid",
        BalanceEntryKind.ChargedBack => "Charged back",
        BalanceEntryKind.CreditUnapplied => "Credit taken back for a chargeback",
        BalanceEntryKind.ChargebackReversed => "Chargeback reversed",
        _ => "Adjustment",
    };
}
