using System.Globalization;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// What may already be under way for a document before a new payment starts: a checkout still open at Mollie is
/// handed out again, a finished one is settled first, a payment being processed refuses the new one.
/// </summary>
public sealed class OpenOnlinePayments(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    SettleMolliePayment settle,
    LocalPayments local,
    TimeProvider clock)
{
    /// <summary>The open checkout of the document, if Mollie still has one; null when a new payment may start.</summary>
    /// <param name="amount">The amount the payer asks for now; an open checkout for another amount refuses the new one.</param>
    public async Task<StartedPayment?> ReuseAsync(PayableKind kind, int documentId, Money? amount, CancellationToken cancellationToken)
    {
        List<(int Id, string? ProviderId, DateTimeOffset CreatedAt, long AmountMinor)> open;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            open = (await PayableDocuments.OpenOnlinePayments(db, kind, documentId)
                    .Select(p => new { p.Id, p.ProviderPaymentId, p.CreatedAt, p.AmountMinor }).ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.ProviderPaymentId, p.CreatedAt, p.AmountMinor)).ToList();
        }

        foreach (var (id, providerId, createdAt, openAmountMinor) in open)
        {
            if (providerId is null)
            {
                // Another request may be talking to Mollie for it right now; only a start that clearly failed is given up.
                if (clock.GetUtcNow() - createdAt < LocalPayments.UnsentPaymentGivenUpAfter)
                {
                    throw new PaymentRefusedException(PayText.PaymentBeingStarted);
                }

                await local.CancelUnsentAsync(id, cancellationToken);
                continue;
            }

            var remote = await mollie.GetPaymentAsync(providerId, cancellationToken);
            if (remote.Status == MolliePaymentStatus.Open && remote.CheckoutUrl is { } checkout)
            {
                if (amount is { } wanted && wanted.Minor != openAmountMinor)
                {
                    throw new PaymentRefusedException(string.Format(CultureInfo.CurrentCulture, PayText.CheckoutOpenForAmount,
                        new Money(openAmountMinor, wanted.Currency).ToDisplayString()));
                }

                return new StartedPayment(id, checkout, Reused: true);
            }

            var outcome = await settle.ApplyAsync(id, remote, cancellationToken);
            if (outcome.Status is PaymentStatus.Pending or PaymentStatus.Authorized or PaymentStatus.Open)
            {
                throw new PaymentRefusedException(PayText.PaymentBeingProcessed);
            }
        }

        return null;
    }

    /// <summary>A payment for several documents that covers this one is asked about at Mollie, so a finished one frees it.</summary>
    public async Task SettleStaleSeveralAsync(PayableKind kind, int documentId, CancellationToken cancellationToken)
    {
        List<(int Id, string? ProviderId)> open;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            open = (await PayableDocuments.OpenInSeveral(db, kind, documentId)
                    .Select(d => new { d.PaymentId, d.Payment!.ProviderPaymentId }).ToListAsync(cancellationToken))
                .Select(d => (d.PaymentId, d.ProviderPaymentId)).ToList();
        }

        foreach (var (id, providerId) in open)
        {
            if (providerId is null)
            {
                continue;
            }

            var outcome = await settle.ApplyAsync(id, await mollie.GetPaymentAsync(providerId, cancellationToken), cancellationToken);
            if (outcome.Status == PaymentStatus.Pending)
            {
                throw new PaymentRefusedException(PayText.PartOfSeveralProcessing);
            }

            if (outcome.Status is PaymentStatus.Open or PaymentStatus.Authorized)
            {
                throw new PaymentRefusedException(PayText.PartOfSeveralOpen);
            }
        }
    }
}
