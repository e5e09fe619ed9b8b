using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>Everything the staff credit request page shows: the request, its client, its payments and what happened.</summary>
public sealed record CreditRequestDetail(
    CreditRequestView Request,
    string ClientName,
    string ClientEmail,
    Money ClientBalance,
    bool IsOverdue,
    IReadOnlyList<TimelineEntry> Timeline,
    PendingPayment? Pending = null);

/// <summary>Reads the staff credit request page in a few projected queries (no tracking).</summary>
public sealed class CreditRequestDetailQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory, PendingPayments pending, TimeProvider clock)
{
    public async Task<CreditRequestDetail?> RunAsync(int creditRequestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == creditRequestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId)
            .Select(c => new { c.Name, c.Email, c.BalanceMinor, c.Currency }).SingleAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => p.CreditRequestId == creditRequestId)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var currency = request.Currency;

        var timeline = new List<TimelineEntry> { new(request.CreatedAt, InvoiceText.TimelineRequested, $"{Display.Money(request.AmountMinor, currency.Code)} · {request.Description}") };
        timeline.AddRange(payments.Select(p => DocumentTimeline.PaymentEntry(p, currency)));
        timeline.AddRange(await DocumentTimeline.BalanceEntriesAsync(db.BalanceEntries.Where(e => e.CreditRequestId == creditRequestId), currency, cancellationToken));
        timeline.AddRange(await DocumentTimeline.EmailsAsync(db.Outbox.Where(m => m.CreditRequestId == creditRequestId), cancellationToken));
        if (request.PaidAt is { } paidAt)
        {
            timeline.Add(new(paidAt, "Paid", null));
        }
        if (request.CancelledAt is { } cancelledAt)
        {
            timeline.Add(new(cancelledAt, "Cancelled", null));
        }

        return new CreditRequestDetail(
            CreditRequestView.From(request, payments.Select(PaymentView.From)),
            client.Name,
            client.Email,
            new Money(client.BalanceMinor, client.Currency),
            request.IsOverdue(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
            timeline.OrderByDescending(t => t.At).ToList(),
            await pending.OfDocumentAsync(PayableKind.CreditRequest, creditRequestId, request.ClientId, cancellationToken));
    }
}
