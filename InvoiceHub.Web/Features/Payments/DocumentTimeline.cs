using System.Globalization;
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
        return new(payment.CreatedAt, Words.Format(InvoiceText.TimelinePayment, StatusName(payment.Status), Shown(payment.AmountMinor, currency)),
            PaymentMethodName(payment.Method)
            + (payment.ReceivedOn is { } r ? Words.Format(InvoiceText.TimelineReceived, Display.Date(r)) : "")
            + (payment.Reference is { } reference ? Words.Format(InvoiceText.TimelineReference, reference) : ""));
    }

    /// <summary>A payment's status in lower case, inside a sentence ("charged back").</summary>
    public static string StatusName(PaymentStatus status) => StatusNames.Payment(status).ToLower(CultureInfo.CurrentCulture);

    /// <summary>The ledger entries of one document other than credit applied to an invoice (shown as "Paid from credit").</summary>
    public static async Task<IEnumerable<TimelineEntry>> BalanceEntriesAsync(IQueryable<BalanceEntry> entries, Currency currency, CancellationToken cancellationToken)
    {
        var rows = await entries.AsNoTracking().Where(e => e.Kind != BalanceEntryKind.AppliedToInvoice)
            .Select(e => new { e.Kind, e.AmountMinor, e.BalanceAfterMinor, e.Reason, e.CreatedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(e => new TimelineEntry(e.CreatedAt, Words.Format(InvoiceText.TimelineToBalance, LedgerKindName(e.Kind), Shown(e.AmountMinor, currency)),
            Words.Format(InvoiceText.TimelineBalanceAfter, Shown(e.BalanceAfterMinor, currency)) + (e.Reason is { } reason ? $" · {reason}" : "")));
    }

    /// <summary>The emails about one document (Send &amp; Print, payment requests, reminders …) with their delivery status.</summary>
    public static async Task<IEnumerable<TimelineEntry>> EmailsAsync(IQueryable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var rows = await messages.AsNoTracking()
            .Select(m => new { m.Kind, m.To, m.Subject, m.Status, m.CreatedAt, m.SentAt, m.LastError })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new TimelineEntry(m.CreatedAt, Words.Format(InvoiceText.TimelineEmail, EmailKindName(m.Kind)),
            Words.Format(InvoiceText.TimelineEmailTo, m.To, m.Subject)
            + (m.SentAt is { } sent ? Words.Format(InvoiceText.TimelineEmailSentAt, sent.ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture)) : "")
            + (m.Status != OutboxStatus.Sent && m.LastError is { } error ? $" · {error}" : ""),
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
        DocumentEmails.InvoiceSentKind => InvoiceText.EmailKindInvoiceSent,
        DocumentEmails.PaymentRequestKind => InvoiceText.EmailKindPaymentRequest,
        DocumentEmails.FreshLinkKind => InvoiceText.EmailKindFreshLink,
        DocumentEmails.ReminderKind => InvoiceText.EmailKindReminder,
        DocumentEmails.AutoChargeFailedKind => InvoiceText.EmailKindAutoChargeFailed,
        DocumentEmails.ChargebackKind => InvoiceText.EmailKindChargeback,
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
        BalanceEntryKind.Overpayment => InvoiceText.LedgerOverpayment,
        BalanceEntryKind.InvoiceVoided => InvoiceText.LedgerReturnedOnVoid,
        BalanceEntryKind.RefundToBalance => InvoiceText.LedgerRefundToBalance,
        BalanceEntryKind.CreditRequestPaid => InvoiceText.LedgerCreditRequestPaid,
        BalanceEntryKind.ChargedBack => SharedText.PaymentChargedBack,
        BalanceEntryKind.CreditUnapplied => InvoiceText.LedgerCreditUnapplied,
        BalanceEntryKind.ChargebackReversed => InvoiceText.LedgerChargebackReversed,
        _ => InvoiceText.LedgerAdjustment,
    };
}
