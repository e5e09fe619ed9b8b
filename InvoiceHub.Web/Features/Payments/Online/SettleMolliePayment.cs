using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Brings a local payment up to Mollie's word, fetched from Mollie itself (a webhook or a return page only says "look at
/// tr_…"), and settles it once when it became paid: the credit rules put the money to work, <see cref="Payment.IsRecorded"/>
/// and the aggregates' Version tokens keep a repeated webhook from doing it twice.
/// </summary>
public sealed class SettleMolliePayment(
    MoneyTransaction money,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    SettingsService settings,
    PaymentRefunds refunds,
    PaymentChargebacks chargebacks,
    Receipts.PaymentReceipts receipts,
    TimeProvider clock,
    ILogger<SettleMolliePayment> logger)
{
    /// <summary>Fetches the payment from Mollie and brings the local one up to date; settles it when it became paid.</summary>
    public async Task<SyncOutcome> SyncAsync(string providerPaymentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(providerPaymentId) || !providerPaymentId.StartsWith("tr_", StringComparison.Ordinal))
        {
            return SyncOutcome.Unknown;
        }

        int? localId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            localId = await db.Payments.AsNoTracking()
                .Where(p => p.Provider == PaymentProvider.Mollie && p.ProviderPaymentId == providerPaymentId)
                .Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
        }

        if (localId is null)
        {
            logger.LogInformation("Ignoring Mollie payment {ProviderId}: not one of ours", providerPaymentId);
            return SyncOutcome.Unknown;
        }

        var remote = await mollie.GetPaymentAsync(providerPaymentId, cancellationToken);
        var outcome = await ApplyAsync(localId.Value, remote, cancellationToken);
        // Mollie calls the same webhook when a refund of the payment changes, or a chargeback arrives or is reversed.
        await refunds.SyncAsync(localId.Value, cancellationToken);
        if (PaymentChargebacks.HasChargebacks(remote) || outcome.Status == PaymentStatus.ChargedBack)
        {
            await chargebacks.SyncAsync(localId.Value, remote, cancellationToken);
        }

        return outcome;
    }

    /// <summary>Syncs by the local id (the return page); a payment Mollie never saw is left as it is.</summary>
    public async Task<SyncOutcome> SyncLocalAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        string? providerId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            providerId = await db.Payments.AsNoTracking()
                .Where(p => p.Id == paymentId && p.Provider == PaymentProvider.Mollie)
                .Select(p => p.ProviderPaymentId).SingleOrDefaultAsync(cancellationToken);
        }

        return providerId is null ? SyncOutcome.Unknown : await SyncAsync(providerId, cancellationToken);
    }

    /// <summary>Applies Mollie's answer for the local payment <paramref name="paymentId"/> in one money transaction.</summary>
    public async Task<SyncOutcome> ApplyAsync(int paymentId, MolliePayment remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var status = MollieMethods.ToPaymentStatus(remote.Status);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        return await money.RunAsync("Sync Mollie payment", async (db, ct) =>
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            if (!payment.CanChangeTo(status))
            {
                // Mollie never moves backwards; a local state ahead of Mollie's answer (a stale read) is kept.
                // Refunds and chargebacks keep Mollie's "paid"; here they have their own statuses.
                if (status == PaymentStatus.Paid && payment.Status is not (PaymentStatus.Refunded or PaymentStatus.ChargedBack))
                {
                    logger.LogError("Mollie reports {ProviderId} paid but payment {PaymentId} is {Local} here; staff must reconcile it", remote.Id, paymentId, payment.Status);
                    return new SyncOutcome(paymentId, payment.Status, false);
                }

                logger.LogWarning("Payment {PaymentId} is {Local}; Mollie reports {Remote} for {ProviderId}; kept", paymentId, payment.Status, status, remote.Id);
                return new SyncOutcome(paymentId, payment.Status, false);
            }

            var now = clock.GetUtcNow();
            payment.ApplyStatus(status, now);
            if (payment.Status is not (PaymentStatus.Open or PaymentStatus.Pending or PaymentStatus.Authorized))
            {
                await LocalPayments.CloseDocumentsAsync(db, payment.Id, ct);
            }

            if (payment.Status != PaymentStatus.Paid || payment.IsRecorded)
            {
                return new SyncOutcome(paymentId, payment.Status, false);
            }

            await RecordAsync(db, payment, autoMarkPaid, now, ct);
            await receipts.QueueOnSettleAsync(db, payment, ct);
            logger.LogInformation("Payment {PaymentId} ({ProviderId}) paid and recorded", paymentId, remote.Id);
            return new SyncOutcome(paymentId, payment.Status, true);
        }, cancellationToken);
    }

    private static async Task RecordAsync(InvoiceHubDbContext db, Payment payment, bool autoMarkPaid, DateTimeOffset now, CancellationToken ct)
    {
        var client = await db.Clients.SingleAsync(c => c.Id == payment.ClientId, ct);
        var openInvoices = await db.Invoices
            .Where(i => i.ClientId == client.Id && i.Status == InvoiceStatus.Open && i.Id != payment.InvoiceId)
            .ToListAsync(ct);
        var several = await db.PaymentDocuments.AsNoTracking().Where(d => d.PaymentId == payment.Id).OrderBy(d => d.Id)
            .Select(d => new { d.Kind, d.DocumentId }).ToListAsync(ct);
        if (several.Count > 0)
        {
            var documents = await PayableDocuments.FindManyAsync(db, several.Select(d => (d.Kind, d.DocumentId)).ToList(), ct);
            CreditRules.RecordPaymentForSeveral(client, payment, documents, autoMarkPaid, openInvoices, now);
            return;
        }

        var document = payment.StartedFor() is { } startedFor ? await PayableDocuments.FindAsync(db, startedFor.Kind, startedFor.Id, ct) : null;
        CreditRules.RecordPaymentFor(client, document, payment, autoMarkPaid, openInvoices, now);
    }
}
