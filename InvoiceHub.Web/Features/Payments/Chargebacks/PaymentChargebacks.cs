using System.Globalization;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.PaymentProviders;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Domain;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// Brings a payment's chargebacks up to Mollie's word (docs/decisions/0021). Each new chargeback is taken off the payment's
/// documents and the client's balance in one <see cref="MoneyTransaction"/> (<see cref="ChargebackRules.ChargeBack"/>), with
/// the charged-back mandate put on hold and the client and Finance emailed in the same transaction; a reversal restores
/// it. The unique <c>chb_…</c> id and the payment's Version make a repeated or racing webhook change nothing.
/// </summary>
public sealed class PaymentChargebacks(
    MoneyTransaction money,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    SettingsService settings,
    EmailOutbox outbox,
    TimeProvider clock,
    ILogger<PaymentChargebacks> logger)
{
    /// <summary>Whether Mollie's payment shows chargebacks (current or reversed) worth listing.</summary>
    public static bool HasChargebacks(MolliePayment remote) =>
        remote?.AmountChargedBack is not null || remote?.Links?.Chargebacks is not null;

    /// <summary>Lists the payment's chargebacks at Mollie and applies the new ones and the reversals; returns how many changed.</summary>
    public async Task<int> SyncAsync(int paymentId, MolliePayment remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var chargebacks = await mollie.ListPaymentChargebacksAsync(remote.Id, cancellationToken);
        Dictionary<string, bool> known;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            known = await db.Chargebacks.AsNoTracking().Where(c => c.PaymentId == paymentId)
                .ToDictionaryAsync(c => c.ProviderChargebackId, c => c.ReversedAt != null, cancellationToken);
        }

        var changed = 0;
        foreach (var chargeback in chargebacks.OrderBy(c => c.CreatedAt))
        {
            if (!known.TryGetValue(chargeback.Id, out var reversed))
            {
                if (chargeback.ReversedAt is not null)
                {
                    // Won or withdrawn before InvoiceHub ever saw it: nothing left the account.
                    logger.LogInformation("Chargeback {ChargebackId} of {ProviderPaymentId} was reversed before it was seen; nothing to do", chargeback.Id, remote.Id);
                    continue;
                }

                changed += await ChargeBackAsync(paymentId, remote, chargeback, cancellationToken) ? 1 : 0;
            }
            else if (!reversed && chargeback.ReversedAt is not null)
            {
                changed += await ReverseAsync(chargeback, remote.Id, cancellationToken) ? 1 : 0;
            }
        }

        return changed;
    }

    /// <summary>Pages of Mollie's chargeback list (newest first) that reconciliation reads on each run.</summary>
    public const int ReconciliationPages = 4;

    /// <summary>
    /// The Mollie payments of ours whose chargebacks, by Mollie's list of the account's newest chargebacks, are not (or not
    /// fully) applied here: a chargeback or reversal webhook was lost. Empty without any recorded Mollie payment.
    /// </summary>
    public async Task<IReadOnlyList<string>> MissedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Payments.AnyAsync(p => p.Provider == PaymentProvider.Mollie && p.RecordedAt != null, cancellationToken))
        {
            return [];
        }

        var remote = new List<MollieChargeback>();
        string? from = null;
        for (var page = 0; page < ReconciliationPages; page++)
        {
            var list = await mollie.ListChargebacksAsync(from, 250, cancellationToken);
            remote.AddRange(list.Items);
            if ((from = list.NextFrom) is null)
            {
                break;
            }
        }

        var ids = remote.Select(c => c.Id).ToList();
        var known = await db.Chargebacks.AsNoTracking().Where(c => ids.Contains(c.ProviderChargebackId))
            .ToDictionaryAsync(c => c.ProviderChargebackId, c => c.ReversedAt != null, cancellationToken);
        var missed = remote
            .Where(c => known.TryGetValue(c.Id, out var reversed) ? !reversed && c.ReversedAt is not null : c.ReversedAt is null)
            .Select(c => c.PaymentId).Distinct().ToList();
        return await db.Payments.AsNoTracking()
            .Where(p => p.Provider == PaymentProvider.Mollie && p.ProviderPaymentId != null && missed.Contains(p.ProviderPaymentId))
            .OrderBy(p => p.Id).Select(p => p.ProviderPaymentId!).ToListAsync(cancellationToken);
    }

    private async Task<bool> ChargeBackAsync(int paymentId, MolliePayment remote, MollieChargeback chargeback, CancellationToken cancellationToken)
    {
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        return await money.RunAsync("Charge back payment", async (db, ct) =>
        {
            if (await db.Chargebacks.AnyAsync(c => c.ProviderChargebackId == chargeback.Id, ct))
            {
                return false;
            }

            var clientId = await db.Payments.Where(p => p.Id == paymentId).Select(p => p.ClientId).SingleAsync(ct);
            await db.LockClientAsync(clientId, ct);
            var state = await ChargebackState.LoadAsync(db, paymentId, ct);
            var now = clock.GetUtcNow();
            var taken = ChargebackRules.ChargeBack(
                state.Client, state.Payment, chargeback.Id, chargeback.Amount.ToMoney(), chargeback.ReasonText, state.PaidInvoices, state.CreditPaidInvoices,
                state.LedgerMinor, state.CreditRequests, chargeback.CreatedAt, now);
            db.Chargebacks.Add(taken);
            // Rule 1 on reopening (decision 0023 item 6): only the invoices that lost the payment's own money take the balance.
            CreditRules.ApplyOnReopen(state.Client, ChargebackRules.ReopenedByPayment(taken, state.PaidInvoices), autoMarkPaid, now);
            var held = remote.MandateId is { } mandateId;
            if (held)
            {
                await HoldMandateAsync(db, remote.MandateId!, clientId, $"{chargeback.Id} on {remote.Id}", now, ct);
            }

            await NotifyAsync(db, state, taken, remote.Id, held, ct);
            logger.LogWarning("Chargeback {ChargebackId} of {Amount} on payment {PaymentId} ({ProviderPaymentId}) taken off the account", chargeback.Id, taken.Amount, paymentId, remote.Id);
            return true;
        }, cancellationToken);
    }

    private async Task<bool> ReverseAsync(MollieChargeback chargeback, string providerPaymentId, CancellationToken cancellationToken)
    {
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        return await money.RunAsync("Reverse chargeback", async (db, ct) =>
        {
            var local = await db.Chargebacks.SingleAsync(c => c.ProviderChargebackId == chargeback.Id, ct);
            if (local.IsReversed)
            {
                return false;
            }

            await db.LockClientAsync(local.ClientId, ct);
            var state = await ChargebackState.LoadAsync(db, local.PaymentId, ct);
            var touched = await db.Invoices.Include(i => i.Allocations).Where(i => i.Allocations.Any(a => a.ChargebackId == local.Id)).ToListAsync(ct);
            var open = await db.Invoices.Include(i => i.Allocations).Where(i => i.ClientId == local.ClientId && i.Status == InvoiceStatus.Open).ToListAsync(ct);
            ChargebackRules.Reverse(state.Client, state.Payment, local, touched, open, state.CreditRequests, state.LedgerMinor, autoMarkPaid, clock.GetUtcNow());
            var key = $"chargeback-reversed:{local.ProviderChargebackId}";
            using (Languages.Use(state.Client.Language))
            {
                await outbox.EnqueueAsync(db, DocumentEmails.ChargebackReversed(state.Client.Email, state.Client.Name, DocumentTimeline.Amount(local.AmountMinor, local.Currency),
                    providerPaymentId, key + ":client"), ct);
            }
            foreach (var finance in await StaffRecipients.FinanceAsync(db, ct))
            {
                using (Languages.Use(finance.Language))
                {
                    await outbox.EnqueueAsync(db, DocumentEmails.ChargebackReversed(finance.Email, EmailText.FinanceName, DocumentTimeline.Amount(local.AmountMinor, local.Currency),
                        providerPaymentId, $"{key}:finance:{finance.Email.ToLowerInvariant()}"), ct);
                }
            }

            logger.LogInformation("Chargeback {ChargebackId} on payment {PaymentId} reversed", local.ProviderChargebackId, local.PaymentId);
            return true;
        }, cancellationToken);
    }

    /// <summary>The documents a chargeback left unpaid again, one line each, in the current language.</summary>
    private static List<string> ReopenedLines(ChargebackState state, Chargeback chargeback, Currency currency)
    {
        var reopened = state.PaidInvoices.Concat(state.CreditPaidInvoices).Distinct()
            .Where(i => i.Allocations.Any(a => a.IsOf(chargeback)))
            .Select(i => string.Format(CultureInfo.CurrentCulture, EmailText.ReopenedInvoice, i.Number, DocumentTimeline.Amount(i.StillToPayMinor, currency)))
            .ToList();
        if (chargeback.ReopenedCreditRequest)
        {
            reopened.AddRange(state.CreditRequests.Where(r => r.Status == Domain.CreditRequests.CreditRequestStatus.Open)
                .Select(r => $"{r.Reference}, {DocumentTimeline.Amount(r.AmountMinor, currency)}"));
        }
        return reopened;
    }

    private static async Task HoldMandateAsync(InvoiceHubDbContext db, string mandateId, int clientId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.MandateHolds.SingleOrDefaultAsync(h => h.MandateId == mandateId, ct) is { } hold)
        {
            hold.HoldAgain(reason, now);
        }
        else
        {
            db.MandateHolds.Add(new MandateHold(mandateId, clientId, reason, now));
        }
    }

    private async Task NotifyAsync(InvoiceHubDbContext db, ChargebackState state, Chargeback chargeback, string providerPaymentId, bool mandateHeld, CancellationToken ct)
    {
        var currency = state.Client.Currency;
        var key = $"chargeback:{chargeback.ProviderChargebackId}";
        var about = state.Payment.StartedFor();
        var paidOn = state.Payment.ReceivedOn ?? DateOnly.FromDateTime(state.Payment.CreatedAt.UtcDateTime);
        EmailMessage Tied(EmailMessage message) => about is { } document ? message.About(document.Kind, document.Id) : message;

        using (Languages.Use(state.Client.Language))
        {
            // The client's copy in the client's language: its amounts and the reopened documents formatted in that culture.
            var clientAmount = DocumentTimeline.Amount(chargeback.AmountMinor, currency);
            var clientReopened = ReopenedLines(state, chargeback, currency);
            await outbox.EnqueueAsync(db, Tied(DocumentEmails.ChargebackForClient(state.Client.Email, state.Client.Name, clientAmount, paidOn, clientReopened, key + ":client")), ct);
        }
        foreach (var finance in await StaffRecipients.FinanceAsync(db, ct))
        {
            // Each Finance user's copy in their own language, its amounts and documents formatted in that culture.
            using (Languages.Use(finance.Language))
            {
                var shortfall = chargeback.ShortfallMinor > 0 ? DocumentTimeline.Amount(chargeback.ShortfallMinor, currency) : null;
                await outbox.EnqueueAsync(db, Tied(DocumentEmails.ChargebackForFinance(finance.Email, state.Client.Name, state.Client.Email,
                    DocumentTimeline.Amount(chargeback.AmountMinor, currency), providerPaymentId, chargeback.Reason, ReopenedLines(state, chargeback, currency), shortfall,
                    mandateHeld, $"{key}:finance:{finance.Email.ToLowerInvariant()}")), ct);
            }
        }
    }
}
