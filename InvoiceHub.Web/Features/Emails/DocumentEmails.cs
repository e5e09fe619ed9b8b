using System.Globalization;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Emails;

/// <summary>
/// Every email InvoiceHub writes to clients and staff, in one place: handlers and jobs pass plain values, the
/// <see cref="EmailComposer"/> encodes them for the HTML part. The kinds are stored with each message (outbox, timelines).
/// An email is written in the current language, dates and amounts in its culture: callers compose (and format the
/// amounts they pass) inside <c>Languages.Use(client.Language)</c>, or the staff member's (<see cref="StaffRecipient.Language"/>).
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
        new(to, Format(EmailText.InvoiceSentSubject, number, company),
            Format(EmailText.InvoiceSentAttached, number, total, Display.Date(due)) + "\n" + Format(EmailText.InvoiceSentStillToPay, stillToPay));

    /// <summary>Send (of Send &amp; Print): Finance's text, the invoice's payment link as a button, the PDF attached.</summary>
    public static EmailMessage InvoiceSent(InvoiceEmailDraft draft, string clientName, string link, string company, EmailAttachment pdf)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new EmailComposer()
            .Greeting(clientName)
            .Paragraph(draft.Message.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            .Button(EmailText.ViewAndPayOnline, link)
            .Paragraph(company)
            .To(draft.To, draft.Subject, InvoiceSentKind, attachment: pdf);
    }

    public static EmailMessage PaymentRequest(string to, string clientName, string number, string amount, string url, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.PaymentRequestText, number, amount))
            .Button(SharedText.PayNow, url)
            .To(to, Format(EmailText.PaymentRequestSubject, number), PaymentRequestKind, deduplicationKey);

    public static EmailMessage FreshLink(string to, string clientName, string number, string url, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.FreshLinkText, number))
            .Address(url)
            .To(to, Format(EmailText.FreshLinkSubject, number), FreshLinkKind, deduplicationKey);

    /// <summary>The kind and reference as a sentence of an email reads them, in the current language: "invoice INV-2026-00001", "factura INV-2026-00001".</summary>
    public static string Describe(PayableKind kind, string reference) =>
        Format(kind == PayableKind.Invoice ? EmailText.DocumentInvoice : EmailText.DocumentCreditRequest, reference);

    /// <summary>A reminder before, on or after the due date of <paramref name="what"/> ("invoice INV-2026-00001", <see cref="Describe"/>).</summary>
    public static EmailMessage Reminder(string to, string clientName, string what, string amount, DateOnly due, DateOnly today, Uri? payLink, string company, string deduplicationKey)
    {
        var dueText = Display.Date(due);
        var (subject, sentence) = (due.DayNumber - today.DayNumber) switch
        {
            > 0 => (Format(EmailText.ReminderSubjectBefore, what, dueText), Format(EmailText.ReminderBefore, what, amount, dueText)),
            0 => (Format(EmailText.ReminderSubjectToday, what), Format(EmailText.ReminderToday, what, amount, dueText)),
            _ => (Format(EmailText.ReminderSubjectOverdue, what, dueText), Format(EmailText.ReminderOverdue, what, amount, dueText)),
        };
        var email = new EmailComposer().Greeting(clientName).Paragraph(char.ToUpper(sentence[0], CultureInfo.CurrentCulture) + sentence[1..]);
        if (payLink is not null)
        {
            email.Button(SharedText.PayNow, payLink.ToString());
        }

        return email.Paragraph(EmailText.KindRegards, company).To(to, subject, ReminderKind, deduplicationKey);
    }

    /// <summary>To the client, after the last automatic direct debit of <paramref name="what"/> failed.</summary>
    public static EmailMessage AutoChargeFailedForClient(string to, string clientName, string what, string amount, int attempts, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.AutoChargeFailedText, amount, what, attempts))
            .To(to, Format(EmailText.AutoChargeFailedSubject, what), AutoChargeFailedKind, deduplicationKey);

    /// <summary>To a Finance user, after the last automatic direct debit of <paramref name="what"/> failed.</summary>
    public static EmailMessage AutoChargeFailedForFinance(string to, string clientName, string clientEmail, string what, string amount, int attempts, string? lastError, string deduplicationKey) =>
        new EmailComposer()
            .Paragraph(Format(EmailText.AutoChargeFailedFinanceText, what, clientName, clientEmail, attempts, amount, lastError))
            .To(to, Format(EmailText.AutoChargeFailedFinanceSubject, what, clientName), AutoChargeFailedKind, deduplicationKey);

    /// <summary>To the client: their bank took a payment back; the documents it paid are open again.</summary>
    public static EmailMessage ChargebackForClient(string to, string clientName, string amount, DateOnly paidOn, IReadOnlyList<string> reopened, string deduplicationKey)
    {
        var email = new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.ChargebackText, amount, Display.Date(paidOn)));
        if (reopened.Count > 0)
        {
            email.Paragraph([EmailText.ChargebackUnpaidAgain, .. reopened]);
        }

        return email
            .Paragraph(EmailText.ChargebackPleasePay)
            .To(to, Format(EmailText.ChargebackSubject, amount), ChargebackKind, deduplicationKey);
    }

    /// <summary>To a Finance user: a chargeback was taken off the client's documents and balance.</summary>
    public static EmailMessage ChargebackForFinance(string to, string clientName, string clientEmail, string amount, string providerPaymentId, string? reason,
        IReadOnlyList<string> reopened, string? shortfall, bool mandateHeld, string deduplicationKey)
    {
        var lines = new List<string> { Format(EmailText.ChargebackFinanceText, amount, providerPaymentId, clientName, clientEmail, reason ?? EmailText.ChargebackNoReason) };
        lines.AddRange(reopened.Select(r => Format(EmailText.ChargebackFinanceUnpaidAgain, r)));
        if (shortfall is not null)
        {
            lines.Add(Format(EmailText.ChargebackFinanceShortfall, shortfall));
        }

        if (mandateHeld)
        {
            lines.Add(EmailText.ChargebackFinanceMandateHeld);
        }

        return new EmailComposer().Paragraph([.. lines]).To(to, Format(EmailText.ChargebackFinanceSubject, amount, clientName), ChargebackKind, deduplicationKey);
    }

    /// <summary>To the client or a Finance user: a chargeback was reversed and the money counts again.</summary>
    public static EmailMessage ChargebackReversed(string to, string name, string amount, string providerPaymentId, string deduplicationKey) =>
        new EmailComposer()
            .Greeting(name)
            .Paragraph(Format(EmailText.ChargebackReversedText, amount, providerPaymentId))
            .To(to, Format(EmailText.ChargebackReversedSubject, amount), ChargebackKind, deduplicationKey);

    /// <summary>A payment's receipt, PDF attached: sent once when an online payment settles (with a deduplication key), and whenever staff ask.</summary>
    public static EmailMessage Receipt(string to, string clientName, string amount, DateOnly paidOn, string company, EmailAttachment pdf, string? deduplicationKey = null) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.ReceiptText, amount, Display.Date(paidOn)))
            .Paragraph(EmailText.KindRegards, company)
            .To(to, Format(EmailText.ReceiptSubject, amount), ReceiptKind, deduplicationKey, pdf);

    /// <summary>A client statement for a period, PDF attached, sent when staff ask.</summary>
    public static EmailMessage Statement(string to, string clientName, DateOnly from, DateOnly until, string closing, string company, EmailAttachment pdf) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.StatementText, Display.Date(from), Display.Date(until), closing))
            .Paragraph(EmailText.KindRegards, company)
            .To(to, Format(EmailText.StatementSubject, company), StatementKind, attachment: pdf);

    /// <summary>The portal invite: a one-time link to set a password, valid for <paramref name="days"/> days.</summary>
    public static EmailMessage PortalInvite(string to, string clientName, string company, string link, int days) =>
        new EmailComposer()
            .Greeting(clientName)
            .Paragraph(Format(EmailText.InviteText, company))
            .Button(EmailText.InviteButton, link)
            .Paragraph(Format(EmailText.InviteLinkOnce, days, to))
            .To(to, Format(EmailText.InviteSubject, company), InviteKind);

    private static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);
}
