using System.Globalization;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Statements;

/// <summary>
/// One happening on a client's account. <see cref="AmountMinor"/> is what it did to the balance due: positive when the
/// client owes more (an invoice, money given back), negative when less (a payment, credit granted), zero for what only
/// moves money between the client's documents and balance (credit applied to an invoice) or asks for money (a credit request).
/// </summary>
public sealed record StatementEntry(DateTimeOffset At, string Kind, string Reference, string Description, long AmountMinor);

/// <summary>
/// One kind of happening on a statement, read with one small query of the client's whole history (the statement cuts it
/// to the period). A new kind of document (credit notes) is one more source registered with <see cref="StatementRegistration"/>.
/// </summary>
public interface IStatementSource
{
    Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken);
}

/// <summary>
/// Issued invoices add their total. One voided without a credit note (of zero, or before credit notes existed) takes it away
/// again (what was paid on it went to the balance); one voided by credit notes is taken away by them (<see cref="CreditNoteEntries"/>).
/// </summary>
internal sealed class InvoiceEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.ClientId == clientId && i.IssuedOn != null)
            .Select(i => new { i.Number, IssuedOn = i.IssuedOn!.Value, i.DueDate, i.TotalMinor, VoidedAt = i.CreditedMinor == 0 ? i.VoidedAt : null }).ToListAsync(cancellationToken);
        return invoices.SelectMany(i => new[]
            {
                new StatementEntry(new DateTimeOffset(i.IssuedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "Invoice", i.Number!, StatementWords.Format(DocumentText.EntryInvoiceDue, Display.Date(i.DueDate)), i.TotalMinor),
            }.Concat(i.VoidedAt is { } voided ? [new StatementEntry(voided, "Invoice voided", i.Number!, DocumentText.EntryInvoiceVoided, -i.TotalMinor)] : []))
            .ToList();
    }
}

/// <summary>
/// A credit note lowers what the client owes by its total on the day it was made (decision 0023): it settles part of the
/// invoice without money. What was paid beyond what the invoice then owed moved to the balance (no change) or back to the
/// payer (a refund, which <see cref="RefundEntries"/> adds back).
/// </summary>
internal sealed class CreditNoteEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var notes = await db.CreditNotes.AsNoTracking().Where(n => n.ClientId == clientId)
            .Select(n => new { n.Number, n.CreatedAt, n.InvoiceNumber, n.TotalMinor }).ToListAsync(cancellationToken);
        return notes.Select(n => new StatementEntry(n.CreatedAt, "Credit note", n.Number ?? "Credit note",
            StatementWords.Format(DocumentText.EntryCreditNote, n.InvoiceNumber), -n.TotalMinor)).ToList();
    }
}

/// <summary>Credit requests ask for a top-up of the balance: listed, but owed only in the sense that paying them adds credit.</summary>
internal sealed class CreditRequestEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var requests = await db.CreditRequests.AsNoTracking().Where(r => r.ClientId == clientId)
            .Select(r => new { r.Id, r.CreatedAt, r.AmountMinor, r.Status }).ToListAsync(cancellationToken);
        return requests.Select(r => new StatementEntry(r.CreatedAt, "Credit request", CreditRequest.NumberFor(r.Id),
            StatementWords.Format(DocumentText.EntryCreditRequest, Display.Money(r.AmountMinor, currency), StatementWords.StatusName(r.Status).ToLower(CultureInfo.CurrentCulture)), 0)).ToList();
    }
}

/// <summary>Money received, once it was put to work on documents and the balance.</summary>
internal sealed class PaymentEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.ClientId == clientId && p.RecordedAt != null && p.Provider != PaymentProvider.Balance)
            .Select(p => new { p.Id, RecordedAt = p.RecordedAt!.Value, p.Method, p.AmountMinor, p.Reference, p.ProviderPaymentId }).ToListAsync(cancellationToken);
        return payments.Select(p => new StatementEntry(p.RecordedAt, "Payment", StatementWords.Format(DocumentText.EntryPaymentNumber, p.Id),
            (p.Reference ?? p.ProviderPaymentId) is { } reference
                ? StatementWords.Format(DocumentText.EntryPaymentReference, DocumentTimeline.PaymentMethodName(p.Method), reference)
                : DocumentTimeline.PaymentMethodName(p.Method), -p.AmountMinor)).ToList();
    }
}

/// <summary>Refunds to the payer add back what they return (and a failed one takes it off again); refunds to the balance only move money.</summary>
internal sealed class RefundEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.ClientId == clientId)
            .Select(r => new { r.PaymentId, r.CreatedAt, r.StatusChangedAt, r.Destination, r.Status, r.AmountMinor }).ToListAsync(cancellationToken);
        var entries = new List<StatementEntry>();
        foreach (var r in refunds)
        {
            var reference = StatementWords.Format(DocumentText.EntryPaymentNumber, r.PaymentId);
            if (r.Destination == RefundDestination.Balance)
            {
                entries.Add(new StatementEntry(r.CreatedAt, "Refund", reference, StatementWords.Format(DocumentText.EntryRefundToBalance, Display.Money(r.AmountMinor, currency)), 0));
                continue;
            }
            entries.Add(new StatementEntry(r.CreatedAt, "Refund", reference, DocumentText.RefundedToYou, r.AmountMinor));
            if (r.Status is RefundStatus.Failed or RefundStatus.Canceled)
            {
                entries.Add(new StatementEntry(r.StatusChangedAt, "Refund failed", reference, DocumentText.EntryRefundFailed, -r.AmountMinor));
            }
        }
        return entries;
    }
}

/// <summary>Chargebacks add back what the bank took (less what had already been refunded); a reversal takes it off again.</summary>
internal sealed class ChargebackEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var chargebacks = await db.Chargebacks.AsNoTracking().Where(c => c.ClientId == clientId)
            .Select(c => new { c.PaymentId, c.RecordedAt, c.ReversedAt, c.AmountMinor, c.ShortfallMinor }).ToListAsync(cancellationToken);
        return chargebacks.SelectMany(c => new[]
            {
                new StatementEntry(c.RecordedAt, "Chargeback", StatementWords.Format(DocumentText.EntryPaymentNumber, c.PaymentId), DocumentText.EntryChargeback, c.AmountMinor - c.ShortfallMinor),
            }.Concat(c.ReversedAt is { } reversed
                ? [new StatementEntry(reversed, "Chargeback reversed", StatementWords.Format(DocumentText.EntryPaymentNumber, c.PaymentId), DocumentText.EntryChargebackReversed, -(c.AmountMinor - c.ShortfallMinor))]
                : []))
            .ToList();
    }
}

/// <summary>
/// The balance ledger: staff adjustments change what is due; credit applied to an invoice is listed without changing it
/// (the invoice's still-to-pay and the balance drop together). The other ledger kinds are parts of the payments, refunds,
/// chargebacks and voids the other sources list.
/// </summary>
internal sealed class BalanceEntries : IStatementSource
{
    public async Task<IReadOnlyList<StatementEntry>> ReadAsync(InvoiceHubDbContext db, int clientId, string currency, CancellationToken cancellationToken)
    {
        var entries = await (from e in db.BalanceEntries.AsNoTracking()
                             where EF.Property<int>(e, "ClientId") == clientId && (e.Kind == BalanceEntryKind.ManualAdjustment || e.Kind == BalanceEntryKind.AppliedToInvoice)
                             join i in db.Invoices.AsNoTracking() on e.InvoiceId equals i.Id into invoices
                             from i in invoices.DefaultIfEmpty()
                             select new { e.Kind, e.CreatedAt, e.AmountMinor, e.Reason, Number = i == null ? null : i.Number })
            .ToListAsync(cancellationToken);
        return entries.Select(e => e.Kind == BalanceEntryKind.ManualAdjustment
                ? new StatementEntry(e.CreatedAt, "Balance adjustment", "Balance", e.Reason ?? DocumentText.EntryAdjustedByStaff, -e.AmountMinor)
                : new StatementEntry(e.CreatedAt, "Credit applied", e.Number ?? "Balance", StatementWords.Format(DocumentText.EntryCreditApplied, Display.Money(-e.AmountMinor, currency)), 0))
            .ToList();
    }
}

/// <summary>The statement's words in the current language (the PDF is built inside <c>Languages.Use(client.Language)</c>).</summary>
internal static class StatementWords
{
    public static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);

    public static string StatusName(CreditRequestStatus status) => status switch
    {
        CreditRequestStatus.Open => SharedText.StatusOpen,
        CreditRequestStatus.Paid => SharedText.StatusPaid,
        CreditRequestStatus.Cancelled => SharedText.StatusCancelled,
        _ => status.ToString(),
    };

    /// <summary>A row's kind as the PDF prints it; the API keeps the stable English kind.</summary>
    public static string KindName(string kind) => kind switch
    {
        "Invoice" => DocumentText.KindInvoice,
        "Invoice voided" => DocumentText.KindInvoiceVoided,
        "Credit note" => DocumentText.KindCreditNote,
        "Credit request" => DocumentText.KindCreditRequest,
        "Payment" => DocumentText.KindPayment,
        "Refund" => DocumentText.KindRefund,
        "Refund failed" => DocumentText.KindRefundFailed,
        "Chargeback" => DocumentText.KindChargeback,
        "Chargeback reversed" => DocumentText.KindChargebackReversed,
        "Balance adjustment" => DocumentText.KindBalanceAdjustment,
        "Credit applied" => DocumentText.KindCreditApplied,
        _ => kind,
    };
}
