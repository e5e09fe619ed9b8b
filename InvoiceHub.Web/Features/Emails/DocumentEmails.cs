using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Integrations.Email;

namespace InvoiceHub.Web.Features.Emails;

/// <summary>
/// Every email InvoiceHub writes to clients and staff, in one place: handlers and jobs pass plain values, the
/// <see cref="EmailComposer"/> encodes them for the HTML part. The kinds are stored with each message (outbox, timelines).
/// </summary>
public static class DocumentEmails
{
    public const string InvoiceSentKind = "invoice";
    public const string PaymentRequestKind = "payment-request";
    public const string FreshLinkKind = "payment-link";
    public const string ReminderKind = "reminder";
    public const string AutoChargeFailedKind = "auto-charge-failed";
    public const string InviteKind = "invite";
    public const string ChargebackKind = "chargeback";
    public const string ReceiptKind = "receipt";
    public const string StatementKind = "statement";

    /// <summary>Ties an email to the invoice or credit request it is about, for that document's timeline.</summary>
    public static EmailMessage About(this EmailMessage message, PayableKind kind, int documentId)
    {
        ArgumentNullException.ThrowIfNull(message);
        return kind == PayableKind.Invoice ? message with { InvoiceId = documentId } : message with { CreditRequestId = documentId };
    }

    /// <summary>Send (of Send &amp; Print) before Finance edits it: to the client, about the attached invoice and what is still to pay.</summary>
    public static InvoiceEmailDraft InvoiceSentDraft(string to, string number, string total, string stillToPay, DateOnly due, string company) =>
        new(to, $"Invoice {number} from {company}",
            $"Please find attached invoice {number} of {total}, due {Display.Date(due)}.\nStill to pay: {stillToPay}.");

    /// <summary>Send (of Send &amp; Print): Finance's text, the invoice's payment link as a button, the PDF attached.</summary>
    public static EmailMessage InvoiceSent(InvoiceEmailDraft draft, string clientName, string link, string company, EmailAttachment pdf)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new EmailComposer()
            .Greeting(clientName)
            .Paragraph(draft.Message.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            .Button("View and pay it online", link)
            .Paragraph(company)
            .To(draft.To, draft.Subject, InvoiceSentKind, attachment: pdf);
    }

    public static EmailMessage PaymentRequest(string to, string clientName, string number, string amount, string url, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"{number} has {amount} still to pay.")
            .Button("Pay Now", url)
            .To(to, $"Payment request for {number}", PaymentRequestKind, deduplicationKey);

    public static EmailMessage FreshLink(string to, string clientName, string number, string url, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"Here is a fresh link to view and pay {number}:")
            .Address(url)
            .To(to, $"Your payment link for {number}", FreshLinkKind, deduplicationKey);

    /// <summary>A reminder before, on or after the due date of <paramref name="what"/> ("invoice INV-2026-00001").</summary>
    public static EmailMessage Reminder(string to, string clientName, string what, string amount, DateOnly due, DateOnly today, Uri? payLink, string company, string deduplicationKey)
    {
        var dueText = Display.Date(due);
        var (subject, sentence) = (due.DayNumber - today.DayNumber) switch
        {
            > 0 => ($"Reminder: {what} is due on {dueText}", $"{what} for {amount} is due on {dueText}."),
            0 => ($"Reminder: {what} is due today", $"{what} for {amount} is due today ({dueText})."),
            _ => ($"Overdue: {what} was due on {dueText}", $"{what} for {amount} was due on {dueText} and is still unpaid."),
        };
        var email = new EmailComposer().Greeting(clientName).Paragraph(char.ToUpperInvariant(sentence[0]) + sentence[1..]);
        if (payLink is not null)
        {
            email.Button("Pay Now", payLink.ToString());
        }

        return email.Paragraph("Kind regards,", company).To(to, subject, ReminderKind, deduplicationKey);
    }

    /// <summary>To the client, after the last automatic direct debit of <paramref name="what"/> failed.</summary>
    public static EmailMessage AutoChargeFailedForClient(string to, string clientName, string what, string amount, int attempts, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"We could not collect {amount} for {what} from your account by direct debit after {attempts} attempts. Please pay it another way or contact us.")
            .To(to, $"We could not collect the payment for {what}", AutoChargeFailedKind, deduplicationKey);

    /// <summary>To a Finance user, after the last automatic direct debit of <paramref name="what"/> failed.</summary>
    public static EmailMessage AutoChargeFailedForFinance(string to, string clientName, string clientEmail, string what, string amount, int attempts, string? lastError, string deduplicationKey) =>
        new EmailComposer()
            .Paragraph($"Auto-charge gave up on {what} of {clientName} ({clientEmail}): {attempts} direct debits of {amount} failed. Last: {lastError}")
            .To(to, $"Auto-charge failed: {what} of {clientName}", AutoChargeFailedKind, deduplicationKey);

    /// <summary>To the client: their bank took a payment back; the documents it paid are open again.</summary>
    public static EmailMessage ChargebackForClient(string to, string clientName, string amount, DateOnly paidOn, IReadOnlyList<string> reopened, string deduplicationKey)
    {
        var email = new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"Your bank took back your payment of {amount} of {Display.Date(paidOn)} (a chargeback).");
        if (reopened.Count > 0)
        {
            email.Paragraph(["These are unpaid again:", .. reopened]);
        }

        return email
            .Paragraph("Please pay them another way, or contact us if this is a mistake. We will not collect by direct debit from that account until we have spoken with you.")
            .To(to, $"Your payment of {amount} was charged back", ChargebackKind, deduplicationKey);
    }

    /// <summary>To a Finance user: a chargeback was taken off the client's documents and balance.</summary>
    public static EmailMessage ChargebackForFinance(string to, string clientName, string clientEmail, string amount, string providerPaymentId, string? reason,
        IReadOnlyList<string> reopened, string? shortfall, bool mandateHeld, string deduplicationKey)
    {
        var lines = new List<string> { $"Mollie reports a chargeback of {amount} on {providerPaymentId} of {clientName} ({clientEmail}). Reason: {reason ?? "not given"}." };
        lines.AddRange(reopened.Select(r => "Unpaid again: " + r));
        if (shortfall is not null)
        {
            lines.Add($"{shortfall} had already gone back to the payer and could not be taken off the account: recover it from the client.");
        }

        if (mandateHeld)
        {
            lines.Add("Auto-charge no longer uses the charged-back mandate; clear the hold on the client's page once it may be charged again.");
        }

        return new EmailComposer().Paragraph([.. lines]).To(to, $"Chargeback: {amount} of {clientName}", ChargebackKind, deduplicationKey);
    }

    /// <summary>To the client or a Finance user: a chargeback was reversed and the money counts again.</summary>
    public static EmailMessage ChargebackReversed(string to, string name, string amount, string providerPaymentId, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(name)
            .Paragraph($"The chargeback of {amount} on payment {providerPaymentId} was reversed: the payment counts again and what it paid is paid again.")
            .To(to, $"Chargeback of {amount} reversed", ChargebackKind, deduplicationKey);

    /// <summary>A payment's receipt, PDF attached: sent once when an online payment settles (with a deduplication key), and whenever staff ask.</summary>
    public static EmailMessage Receipt(string to, string clientName, string amount, DateOnly paidOn, string company, EmailAttachment pdf, string? deduplicationKey = null) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"Thank you for your payment of {amount} on {Display.Date(paidOn)}. Your receipt is attached.")
            .Paragraph("Kind regards,", company)
            .To(to, $"Receipt for your payment of {amount}", ReceiptKind, deduplicationKey, pdf);

    /// <summary>A client statement for a period, PDF attached, sent when staff ask.</summary>
    public static EmailMessage Statement(string to, string clientName, DateOnly from, DateOnly until, string closing, string company, EmailAttachment pdf) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"Attached is your statement from {Display.Date(from)} to {Display.Date(until)}. Balance due at the end of the period: {closing}.")
            .Paragraph("Kind regards,", company)
            .To(to, $"Your statement from {company}", StatementKind, attachment: pdf);

    /// <summary>The portal invite: a one-time link to set a password, valid for <paramref name="days"/> days.</summary>
    public static EmailMessage PortalInvite(string to, string clientName, string company, string link, int days) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph($"{company} invites you to its client portal, where you see and pay your invoices.")
            .Button("Set your password", link)
            .Paragraph($"The link works once, for {days} days. Your sign-in is {to}.")
            .To(to, $"Your {company} client portal", InviteKind);
}
