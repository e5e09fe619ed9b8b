using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Infrastructure.Formatting;
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
            .Select(a => new SettledPart(a.RefundId is not null ? "Refund taken off invoice" : a.ChargebackId is not null ? "Chargeback taken off invoice" : "Invoice", a.Number ?? "Draft", $"/admin/invoices/{a.InvoiceId}",
                new Money(a.AmountMinor, currency), a.CreatedAt, a.VoidedAt is not null))
            .Concat(entries.Select(e => new SettledPart(
                e.Kind == BalanceEntryKind.CreditRequestPaid ? "Credit request" : "Balance: " + KindName(e.Kind),
                e.CreditRequestId is { } requestId ? InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(requestId) : "Client balance",
                e.CreditRequestId is null ? $"/admin/clients/{payment.ClientId}" : null,
                new Money(e.AmountMinor, currency), e.CreatedAt, false)))
            .OrderBy(s => s.At)
            .ToList();

        var timeline = new List<PaymentTimelineEntry>
        {
            new(payment.CreatedAt, $"Started by {payment.InitiatedBy.ToString().ToLowerInvariant()}", $"{DocumentTimeline.PaymentMethodName(payment.Method)} through {payment.Provider}"),
        };
        if (payment.PaidAt is { } paidAt)
        {
            timeline.Add(new(paidAt, "Paid", payment.ReceivedOn is { } received ? $"Received {Display.Date(received)}" : null));
        }
        if (payment.RecordedAt is { } recordedAt)
        {
            timeline.Add(new(recordedAt, "Allocated", "Put to work on documents and the balance"));
        }
        foreach (var chargeback in chargebacks)
        {
            var amount = Display.Money(chargeback.Amount);
            timeline.Add(new(chargeback.RecordedAt, $"Charged back: {amount}",
                $"{chargeback.ProviderChargebackId} · {chargeback.Reason ?? "no reason given"}" +
                (chargeback.ShortfallMinor > 0 ? $" · {Display.Money(new Money(chargeback.ShortfallMinor, currency))} could not be taken back" : "")));
            if (chargeback.ReversedAt is { } reversedAt)
            {
                timeline.Add(new(reversedAt, $"Chargeback of {amount} reversed", "The payment counts again."));
            }
        }
        if (payment.Status is not (PaymentStatus.Open or PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.ChargedBack))
        {
            timeline.Add(new(payment.StatusChangedAt, payment.Status.ToString(), null));
        }
        foreach (var refund in refunds)
        {
            var amount = Display.Money(refund.Amount);
            timeline.Add(new(refund.CreatedAt, $"Refund of {amount} to the {(refund.Destination == RefundDestination.Payer ? "payer" : "client's balance")}", $"{refund.Reason} · by {refund.RequestedBy}"));
            if (refund.StatusChangedAt != refund.CreatedAt)
            {
                timeline.Add(new(refund.StatusChangedAt, $"Refund of {amount} {refund.Status.ToString().ToLowerInvariant()}", refund.FailureReason));
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
        BalanceEntryKind.Overpayment => "overpayment",
        BalanceEntryKind.RefundToBalance => "refund to balance",
        BalanceEntryKind.RefundedToPayer => "refunded to payer",
        BalanceEntryKind.RefundFailed => "failed refund returned",
        BalanceEntryKind.ChargedBack => "charged back",
        BalanceEntryKind.ChargebackReversed => "chargeback reversed",
        _ => kind.ToString(),
    };
}
