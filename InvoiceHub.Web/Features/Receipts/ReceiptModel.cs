using System.Globalization;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Domain;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>One thing the payment paid: an invoice, a credit request (its amount went to the balance) or the balance itself.</summary>
public sealed record ReceiptLine(string Document, Money Applied, string? Note = null);

/// <summary>Money that went back after the payment: a refund (to the payer or the balance) or a chargeback, with when.</summary>
public sealed record ReceiptReversal(DateOnly On, string What, Money Amount, bool LeftTheClient);

/// <summary>What a payment's receipt says: who paid, when, how, what it paid and what went back since.</summary>
public sealed record ReceiptModel(
    int PaymentId,
    int ClientId,
    InvoicePdfParty Seller,
    InvoicePdfParty Payer,
    Money Amount,
    DateOnly PaidOn,
    string Method,
    string? Reference,
    IReadOnlyList<ReceiptLine> Paid,
    IReadOnlyList<ReceiptReversal> Reversals,
    byte[]? Logo = null)
{
    public string Title => string.Format(CultureInfo.CurrentCulture, DocumentText.ReceiptTitle, PaymentId);

    public string FileName => FileNameFor(PaymentId);

    public static string FileNameFor(int paymentId) => $"receipt-payment-{paymentId}.pdf";

    /// <summary>What the business keeps of the payment: the amount less what went back to the payer or their bank (a refund to the balance stays).</summary>
    public Money Kept => new(Amount.Minor - Reversals.Where(r => r.LeftTheClient).Sum(r => r.Amount.Minor), Amount.Currency);
}

/// <summary>
/// Reads a receipt from the database: through the caller's context, so that a settling transaction reads what it has
/// just saved. Only recorded payments have receipts (their money was put to work). Its texts are in the current language:
/// load it inside <c>Languages.Use(client.Language)</c>.
/// </summary>
public static class ReceiptQuery
{
    public static async Task<ReceiptModel?> LoadAsync(InvoiceHubDbContext db, int paymentId, InvoicePdfParty seller, byte[]? logo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.RecordedAt != null, ct);
        if (payment is null)
        {
            return null;
        }
        var currency = payment.Currency;
        var payer = await db.Clients.AsNoTracking().Where(c => c.Id == payment.ClientId)
            .Select(c => new InvoicePdfParty(c.Name, c.Address, c.Email, c.VatNumber)).SingleAsync(ct);
        var invoices = await (from a in db.Allocations.AsNoTracking()
                              join i in db.Invoices.AsNoTracking() on EF.Property<int>(a, "InvoiceId") equals i.Id
                              where a.PaymentId == paymentId && a.RefundId == null && a.ChargebackId == null
                              orderby a.Id
                              select new { i.Number, a.AmountMinor, Voided = a.VoidedAt != null })
            .ToListAsync(ct);
        var toBalance = await db.BalanceEntries.AsNoTracking()
            .Where(e => e.PaymentId == paymentId && (e.Kind == BalanceEntryKind.CreditRequestPaid || e.Kind == BalanceEntryKind.Overpayment))
            .OrderBy(e => e.Id).Select(e => new { e.Kind, e.AmountMinor, e.CreditRequestId }).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId && r.Status != RefundStatus.Failed && r.Status != RefundStatus.Canceled)
            .OrderBy(r => r.Id).Select(r => new { r.CreatedAt, r.Destination, r.AmountMinor }).ToListAsync(ct);
        var chargebacks = await db.Chargebacks.AsNoTracking().Where(c => c.PaymentId == paymentId && c.ReversedAt == null)
            .OrderBy(c => c.Id).Select(c => new { c.ChargedBackAt, c.AmountMinor }).ToListAsync(ct);

        var paid = invoices
            .GroupBy(a => a.Number)
            .Select(g => new ReceiptLine(string.Format(CultureInfo.CurrentCulture, DocumentText.InvoiceTitle, g.Key), new Money(g.Sum(a => a.AmountMinor), currency),
                g.Any(a => a.Voided) ? DocumentText.InvoiceSinceVoided : null))
            .Concat(toBalance.Select(e => e.Kind == BalanceEntryKind.CreditRequestPaid
                ? new ReceiptLine(string.Format(CultureInfo.CurrentCulture, DocumentText.CreditRequestLine, CreditRequest.NumberFor(e.CreditRequestId ?? 0)), new Money(e.AmountMinor, currency),
                    DocumentText.AddedToYourBalance)
                : new ReceiptLine(DocumentText.YourBalance, new Money(e.AmountMinor, currency), DocumentText.MoreThanTheDocumentsNeeded)))
            .ToList();
        var reversals = refunds
            .Select(r => new ReceiptReversal(DateOnly.FromDateTime(r.CreatedAt.UtcDateTime),
                r.Destination == RefundDestination.Payer ? DocumentText.RefundedToYou : DocumentText.RefundedToYourBalance, new Money(r.AmountMinor, currency), r.Destination == RefundDestination.Payer))
            .Concat(chargebacks.Select(c => new ReceiptReversal(DateOnly.FromDateTime(c.ChargedBackAt.UtcDateTime), DocumentText.ChargedBackByYourBank, new Money(c.AmountMinor, currency), true)))
            .OrderBy(r => r.On)
            .ToList();
        var paidOn = PaidOn(payment);
        var reference = string.Join(" · ", new[] { payment.ProviderPaymentId, payment.Reference }.Where(r => !string.IsNullOrWhiteSpace(r)));
        return new ReceiptModel(payment.Id, payment.ClientId, seller, payer, payment.Amount, paidOn, DocumentTimeline.PaymentMethodName(payment.Method),
            reference.Length > 0 ? reference : null, paid, reversals, logo);
    }

    /// <summary>The day a recorded payment was paid: the day staff say it was received, else Mollie's, else the day it was recorded.</summary>
    public static DateOnly PaidOn(Payment payment) =>
        payment.ReceivedOn ?? DateOnly.FromDateTime((payment.PaidAt ?? payment.RecordedAt!.Value).UtcDateTime);
}
