using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Jobs.Reconciliation;

/// <summary>
/// Mollie payments still Open, Pending or Authorized here after <see cref="JobsOptions.ReconciliationAge"/> are
/// fetched from Mollie again through <see cref="SettleMolliePayment.SyncAsync"/>, which settles a paid one exactly
/// once: a lost webhook never leaves a document unpaid. Refunds to the payer still unfinished that long after their
/// last change are brought up to Mollie's word the same way (<see cref="PaymentRefunds.SyncAsync"/>): a refund
/// Mollie failed gives the money back even when its webhook was lost. Mollie's newest chargebacks are listed too
/// (<see cref="PaymentChargebacks.MissedAsync"/>): a payment with a chargeback or reversal not applied here is synced.
/// </summary>
public sealed class ReconciliationJob(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    SettleMolliePayment payments,
    PaymentRefunds refunds,
    PaymentChargebacks chargebacks,
    JobsOptions options,
    TimeProvider clock,
    ILogger<ReconciliationJob> logger) : InvoiceHubJob(dbFactory, clock, logger)
{
    public const int BatchSize = 500;

    private static readonly PaymentStatus[] Unsettled = [PaymentStatus.Open, PaymentStatus.Pending, PaymentStatus.Authorized];

    private static readonly RefundStatus[] UnfinishedRefunds = [RefundStatus.Queued, RefundStatus.Pending, RefundStatus.Processing];

    private readonly IDbContextFactory<InvoiceHubDbContext> _dbFactory = dbFactory;
    private readonly TimeProvider _clock = clock;

    public override string Name => JobCatalog.Reconciliation;

    protected override async Task<JobResult> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = _clock.GetUtcNow() - options.ReconciliationAge;
        List<string> providerIds;
        List<int> refundedPayments;
        await using (var db = await _dbFactory.CreateDbContextAsync(cancellationToken))
        {
            refundedPayments = await db.Refunds.AsNoTracking()
                .Where(r => r.Destination == RefundDestination.Payer && UnfinishedRefunds.Contains(r.Status) && r.StatusChangedAt <= cutoff)
                .Select(r => r.PaymentId).Distinct().OrderBy(id => id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            providerIds = await db.Payments.AsNoTracking()
                .Where(p => p.Provider == PaymentProvider.Mollie && Unsettled.Contains(p.Status) && p.ProviderPaymentId != null && p.CreatedAt <= cutoff)
                .OrderBy(p => p.Id)
                .Select(p => p.ProviderPaymentId!)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var settled = 0;
        var failures = new List<string>();
        foreach (var providerId in providerIds)
        {
            try
            {
                var outcome = await payments.SyncAsync(providerId, cancellationToken);
                if (outcome.Settled)
                {
                    settled++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{providerId}: {ex.Message}");
            }
        }

        foreach (var paymentId in refundedPayments)
        {
            try
            {
                await refunds.SyncAsync(paymentId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"refunds of payment {paymentId}: {ex.Message}");
            }
        }
        var chargedBack = await SyncChargebacksAsync(failures, cancellationToken);
        return new JobResult(providerIds.Count + refundedPayments.Count + chargedBack - failures.Count, failures,
            $"{providerIds.Count} payments checked at Mollie, {settled} settled; refunds of {refundedPayments.Count} payments followed up; " +
            $"missed chargebacks of {chargedBack} payments applied");
    }

    private async Task<int> SyncChargebacksAsync(List<string> failures, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> missed;
        try
        {
            missed = await chargebacks.MissedAsync(cancellationToken);
        }
        catch (Integrations.Mollie.MollieException ex)
        {
            failures.Add($"chargebacks: {ex.Message}");
            return 0;
        }

        foreach (var providerId in missed)
        {
            try
            {
                await payments.SyncAsync(providerId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add($"chargebacks of {providerId}: {ex.Message}");
            }
        }

        return missed.Count;
    }
}
