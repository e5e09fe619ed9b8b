using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>Where a payment's money went: an invoice (allocations, refund reversals negative), a credit request, or the balance.</summary>
public sealed record SettledPart(string Kind, string Document, string? Link, Money Amount, DateTimeOffset At, bool Voided);

public sealed record PaymentTimelineEntry(DateTimeOffset At, string Title, string? Detail);

/// <summary>Everything the staff payment page shows.</summary>
public sealed record PaymentDetail(
    PaymentView Payment,
    int ClientId,
    string ClientName,
    string? ProviderPaymentId,
    PaymentInitiator InitiatedBy,
    Money Refunded,
    IReadOnlyList<SettledPart> Settled,
    IReadOnlyList<RefundView> Refunds,
    IReadOnlyList<PaymentTimelineEntry> Timeline);

public sealed class PaymentDetailQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<PaymentDetail?> RunAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        var currency = payment.Currency;
        var clientName = await db.Clients.AsNoTracking().Where(c => c.Id == payment.ClientId).Select(c => c.Name).SingleAsync(cancellationToken);
        var allocations = await (from a in db.Allocations.AsNoTracking()
                                 join i in db.Invoices.AsNoTracking() on EF.Property<int>(a, "InvoiceId") equals i.Id
                                 where a.PaymentId == paymentId
                                 orderby a.Id
                                 select new { a.AmountMinor, a.CreatedAt, a.VoidedAt, a.RefundId, a.ChargebackId, InvoiceId = i.Id, i.Number })
            .ToListAsync(cancellationToken);
        var entries = await db.BalanceEntries.AsNoTracking().Where(e => e.PaymentId == paymentId).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.AmountMinor, e.CreatedAt, e.CreditRequestId }).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var chargebacks = await db.Chargebacks.AsNoTracking().Where(c => c.PaymentId == paymentId).OrderBy(c => c.Id).ToListAsync(cancellationToken);

        var settled = allocations
            .Select(a => new SettledPart(a.RefundId is not null ? AdminText.RefundTakenOffInvoice : a.ChargebackId is not null ? AdminText.ChargebackTakenOffInvoice : SharedText.Invoice, a.Number ?? StaffText.Draft, $"/admin/invoices/{a.InvoiceId}",
                new Money(a.AmountMinor, currency), a.CreatedAt, a.VoidedAt is not null))
            .Concat(entries.Select(e => new SettledPart(
                e.Kind == BalanceEntryKind.CreditRequestPaid ? SharedText.CreditRequest : Format(AdminText.BalanceKind, KindName(e.Kind)),
                e.CreditRequestId is { } requestId ? InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(requestId) : AdminText.ClientBalance,
                e.CreditRequestId is null ? $"/admin/clients/{payment.ClientId}" : null,
                new Money(e.AmountMinor, currency), e.CreatedAt, false)))
            .OrderBy(s => s.At)
            .ToList();

        var timeline = new List<PaymentTimelineEntry>
        {
            new(payment.CreatedAt, PaymentWords.StartedBy(payment.InitiatedBy), PaymentWords.Through(payment.Method, payment.Provider)),
        };
        if (payment.PaidAt is { } paidAt)
        {
            timeline.Add(new(paidAt, SharedText.PaymentPaid, payment.ReceivedOn is { } received ? Format(AdminText.ReceivedOnDate, Display.Date(received)) : null));
        }
        if (payment.RecordedAt is { } recordedAt)
        {
            timeline.Add(new(recordedAt, AdminText.Allocated, AdminText.AllocatedDetail));
        }
        foreach (var chargeback in chargebacks)
        {
            var amount = Display.Money(chargeback.Amount);
            timeline.Add(new(chargeback.RecordedAt, Format(AdminText.ChargedBackAmount, amount),
                $"{chargeback.ProviderChargebackId} · {chargeback.Reason ?? AdminText.NoReasonGiven}" +
                (chargeback.ShortfallMinor > 0 ? " · " + Format(AdminText.CouldNotBeTakenBack, Display.Money(new Money(chargeback.ShortfallMinor, currency))) : "")));
            if (chargeback.ReversedAt is { } reversedAt)
            {
                timeline.Add(new(reversedAt, Format(AdminText.ChargebackReversedOf, amount), AdminText.PaymentCountsAgain));
            }
        }
        if (payment.Status is not (PaymentStatus.Open or PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.ChargedBack))
        {
            timeline.Add(new(payment.StatusChangedAt, StatusNames.Payment(payment.Status), null));
        }
        foreach (var refund in refunds)
        {
            var amount = Display.Money(refund.Amount);
            timeline.Add(new(refund.CreatedAt, Format(refund.Destination == RefundDestination.Payer ? AdminText.RefundOfToPayer : AdminText.RefundOfToBalance, amount), Format(AdminText.ReasonBy, refund.Reason, refund.RequestedBy)));
            if (refund.StatusChangedAt != refund.CreatedAt)
            {
                timeline.Add(new(refund.StatusChangedAt, Format(AdminText.RefundOfStatus, amount, PaymentWords.Refund(refund.Status).ToLower(CultureInfo.CurrentCulture)), refund.FailureReason));
            }
        }

        return new PaymentDetail(
            PaymentView.From(payment), payment.ClientId, clientName, payment.ProviderPaymentId, payment.InitiatedBy,
            new Money(payment.RefundedMinor, currency), settled,
            refunds.Select(RefundView.From).ToList(),
            timeline.OrderBy(t => t.At).ToList());
    }

    private static string KindName(BalanceEntryKind kind) => kind switch
    {
        BalanceEntryKind.Overpayment => AdminText.KindOverpayment,
        BalanceEntryKind.RefundToBalance => AdminText.KindRefundToBalance,
        BalanceEntryKind.RefundedToPayer => AdminText.KindRefundedToPayer,
        BalanceEntryKind.RefundFailed => AdminText.KindRefundFailed,
        BalanceEntryKind.ChargedBack => AdminText.KindChargedBack,
        BalanceEntryKind.ChargebackReversed => AdminText.KindChargebackReversed,
        _ => kind.ToString(),
    };

    private static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);
}
