using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Features.Shell;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Everything the staff invoice page shows: the invoice, its client, its payments and what happened.</summary>
public sealed record InvoiceDetail(
    InvoiceView Invoice,
    string ClientName,
    string ClientEmail,
    Money ClientBalance,
    bool IsOverdue,
    bool AutomaticallyMarkInvoicesPaid,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyList<TimelineEntry> Timeline,
    PendingPayment? Pending = null)
{
    /// <summary>Credit rule 3: Pay From Credit is offered on an Open invoice when the setting is on and the client has credit.</summary>
    public bool CanPayFromCredit =>
        AutomaticallyMarkInvoicesPaid && Invoice.Status == InvoiceStatus.Open && ClientBalance.IsPositive && Invoice.StillToPay.IsPositive;

    /// <summary>The most Pay From Credit can take: min(balance, still to pay).</summary>
    public Money MaxFromCredit => ClientBalance.Minor < Invoice.StillToPay.Minor ? ClientBalance : Invoice.StillToPay;
}

/// <summary>Reads the staff invoice page in a few projected queries (no tracking).</summary>
public sealed class InvoiceDetailQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory, SettingsService settings, PendingPayments pending, TimeProvider clock)
{
    public async Task<InvoiceDetail?> RunAsync(int invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        if (invoice is null)
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId)
            .Select(c => new { c.Name, c.Email, c.BalanceMinor, c.Currency }).SingleAsync(cancellationToken);
        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var currency = invoice.Currency;

        var timeline = new List<TimelineEntry> { new(invoice.CreatedAt, InvoiceText.TimelineDraftCreated, null) };
        if (invoice.IssuedOn is { } issuedOn)
        {
            // Only the day of issue is stored: its start, but never before the draft existed.
            var at = Max(new DateTimeOffset(issuedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), invoice.CreatedAt);
            timeline.Add(new(at, Words.Format(InvoiceText.TimelineIssuedAs, invoice.Number), Words.Format(InvoiceText.TimelineTotal, Money(invoice.TotalMinor, currency))));
        }
        timeline.AddRange(payments.Select(p => DocumentTimeline.PaymentEntry(p, currency)));
        foreach (var allocation in invoice.Allocations.Where(a => a.Source == AllocationSource.Balance && a.ChargebackId is null))
        {
            timeline.Add(new(allocation.CreatedAt, Words.Format(InvoiceText.TimelinePaidFromCredit, Money(allocation.AmountMinor, currency)), null));
        }
        // Credit a chargeback took back shows as its ledger entry; a payment's money it took back shows here.
        foreach (var allocation in invoice.Allocations.Where(a => a.Source == AllocationSource.Payment && a.ChargebackId is not null))
        {
            timeline.Add(new(allocation.CreatedAt, Words.Format(InvoiceText.TimelineChargedBack, Money(-allocation.AmountMinor, currency)),
                InvoiceText.TimelineChargedBackDetail));
        }
        timeline.AddRange(await DocumentTimeline.BalanceEntriesAsync(db.BalanceEntries.Where(e => e.InvoiceId == invoiceId), currency, cancellationToken));
        timeline.AddRange(await DocumentTimeline.EmailsAsync(db.Outbox.Where(m => m.InvoiceId == invoiceId), cancellationToken));
        timeline.AddRange(await CreditNotes.CreditNoteTimeline.ForInvoiceAsync(db, invoiceId, cancellationToken));
        if (invoice.PaidAt is { } paidAt)
        {
            timeline.Add(new(paidAt, InvoiceText.TimelinePaidInFull, null));
        }
        if (invoice.VoidedAt is { } voidedAt)
        {
            timeline.Add(new(voidedAt, InvoiceText.TimelineVoided, invoice.VoidReason));
        }

        return new InvoiceDetail(
            InvoiceView.From(invoice),
            client.Name,
            client.Email,
            new Money(client.BalanceMinor, client.Currency),
            invoice.IsOverdue(today),
            autoMarkPaid,
            payments.Select(PaymentView.From).ToList(),
            timeline.OrderByDescending(t => t.At).ToList(),
            await pending.OfDocumentAsync(PayableKind.Invoice, invoiceId, invoice.ClientId, cancellationToken));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Money(long minor, Currency currency) => Display.Money(minor, currency.Code);
}
