using System.Globalization;
using System.Text.Json;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Integrations.Mollie;
using InvoiceHub.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <param name="CreditInvoices">
/// Credit the invoices the refund takes money off (a credit note each; they stay settled) instead of reopening them; a
/// reopened invoice takes the balance first when "Automatically mark Invoices paid" is on (docs/decisions/0023).
/// </param>
public sealed record RefundCommand(
    int PaymentId, Money Amount, RefundDestination Destination, string? Reason, string RequestedBy, string? RequestKey = null, bool CreditInvoices = false);

/// <summary>How much of a payment may go back, to the payer and to the balance.</summary>
public sealed record RefundableView(int PaymentId, Money ToPayer, Money ToBalance, bool PayerPossible);

/// <summary>A refund as screens and the API show it.</summary>
public sealed record RefundView(
    int Id,
    int PaymentId,
    Money Amount,
    RefundDestination Destination,
    RefundStatus Status,
    string? ProviderRefundId,
    string Reason,
    string RequestedBy,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt)
{
    public static RefundView From(Refund r) =>
        new(r.Id, r.PaymentId, r.Amount, r.Destination, r.Status, r.ProviderRefundId, r.Reason, r.RequestedBy, r.FailureReason, r.CreatedAt, r.StatusChangedAt);
}

/// <summary>The provider refused the refund or could not be asked; nothing was refunded unless <see cref="Pending"/>.</summary>
public sealed class RefundRefusedException(string message, bool providerUnavailable, bool pending = false, Exception? inner = null) : Exception(message, inner)
{
    public bool ProviderUnavailable { get; } = providerUnavailable;

    /// <summary>Mollie may have the refund: it stays pending here until Mollie's answer is known.</summary>
    public bool Pending { get; } = pending;
}

/// <summary>
/// Refunds of paid payments (docs/decisions/0009), to the payer through Mollie or onto the client's balance. The
/// local refund and its effect on the documents are written in one <see cref="MoneyTransaction"/> before Mollie is
/// asked, with <c>refund:{localId}</c> as Idempotency-Key; a refusal gives the money back in a second one.
/// </summary>
public sealed class PaymentRefunds(
    MoneyTransaction money,
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MollieClient mollie,
    SettingsService settings,
    TimeProvider clock,
    ILogger<PaymentRefunds> logger)
{
    /// <summary>An unsent refund younger than this may still be on its way to Mollie for another request.</summary>
    public static readonly TimeSpan UnsentRefundGivenUpAfter = LocalPayments.UnsentPaymentGivenUpAfter;

    public async Task<RefundableView> RefundableAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await LoadAsync(db, paymentId, cancellationToken);
        var refundable = RefundRules.Refundable(state.Client, state.Payment, state.Invoices, state.LedgerMinor);
        var payerPossible = state.Payment.Provider == PaymentProvider.Mollie && state.Payment.ProviderPaymentId is not null;
        return new RefundableView(
            paymentId,
            new Money(payerPossible ? refundable.ToPayerMinor : 0, state.Payment.Currency),
            new Money(refundable.ToBalanceMinor, state.Payment.Currency),
            payerPossible);
    }

    public async Task<RefundView> RefundAsync(RefundCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        var (refund, isNew) = await money.RunAsync("Refund payment", async (db, ct) =>
        {
            if (command.RequestKey is { Length: > 0 } key
                && await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.RequestKey == key, ct) is { } existing)
            {
                return existing.PaymentId == command.PaymentId
                    ? (existing, false)
                    : throw new DomainException(ErrorCodes.InvalidReference, "That idempotency key was already used for a refund of another payment; send a new key.", "requestKey");
            }

            var clientId = await db.Payments.AsNoTracking().Where(p => p.Id == command.PaymentId).Select(p => (int?)p.ClientId).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("payment", command.PaymentId);
            await db.LockClientAsync(clientId, ct);
            var state = await LoadAsync(db, command.PaymentId, ct);
            var now = clock.GetUtcNow();
            var created = RefundRules.Refund(
                state.Client, state.Payment, state.Invoices, state.LedgerMinor, command.Amount, command.Destination,
                command.Reason, command.RequestedBy, now, command.RequestKey);
            db.Refunds.Add(created);
            if (command.CreditInvoices)
            {
                await CreditNotes.CreditNoteNumbers.AddNumberedAsync(db, CreditNoteRules.CreditRefund(state.Client, created, state.Invoices, command.RequestedBy, now), now, ct);
            }
            else if (created.Destination == RefundDestination.Payer)
            {
                // Refunded onto the balance, the reopened invoice does not take it back: that would undo the refund (decision 0009).
                CreditRules.ApplyOnReopen(state.Client, RefundRules.TakenFrom(created, state.Invoices), autoMarkPaid, now);
            }

            return (created, true);
        }, cancellationToken);

        return isNew && refund.Destination == RefundDestination.Payer ? await SendAsync(refund.Id, cancellationToken) : RefundView.From(refund);
    }

    /// <summary>Asks Mollie for a refund to the payer already written here (Idempotency-Key <c>refund:{id}</c>); a refusal gives the money back.</summary>
    public async Task<RefundView> SendAsync(int refundId, CancellationToken cancellationToken = default)
    {
        Refund refund;
        string? providerPaymentId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            refund = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == refundId, cancellationToken) ?? throw new NotFoundException("refund", refundId);
            providerPaymentId = await db.Payments.AsNoTracking().Where(p => p.Id == refund.PaymentId).Select(p => p.ProviderPaymentId).SingleAsync(cancellationToken);
        }

        MollieRefund sent;
        try
        {
            sent = await mollie.CreateRefundAsync(providerPaymentId!, new CreateRefundRequest
            {
                Amount = new MollieAmount(refund.Currency.Code, refund.Amount.ToDecimalString()),
                Description = refund.Reason,
                Metadata = JsonSerializer.SerializeToElement(new { refundId = refund.Id }),
            }, IdempotencyKey(refund.Id), cancellationToken);
        }
        catch (MollieException ex) when (!ex.IsTransient)
        {
            await FailAsync(refund.Id, RefundStatus.Failed, $"Mollie refused the refund: {ex.Detail}", CancellationToken.None);
            throw new RefundRefusedException(string.Format(CultureInfo.CurrentCulture, PayText.RefundRefusedByMollie, ex.UserMessage), providerUnavailable: false, inner: ex);
        }
        catch (MollieException ex)
        {
            // Mollie may have made it before failing to answer: ask it before giving the money back.
            logger.LogWarning(ex, "Mollie did not answer refund {RefundId} of {ProviderPaymentId}", refund.Id, providerPaymentId);
            IReadOnlyList<MollieRefund> known;
            try
            {
                known = await mollie.ListRefundsAsync(providerPaymentId!, CancellationToken.None);
            }
            catch (MollieException)
            {
                throw new RefundRefusedException(PayText.RefundPendingMollieSilent, providerUnavailable: true, pending: true, inner: ex);
            }

            if (known.FirstOrDefault(r => LocalIdOf(r) == refund.Id) is not { } found)
            {
                await FailAsync(refund.Id, RefundStatus.Failed, "Mollie did not answer; nothing was refunded.", CancellationToken.None);
                throw new RefundRefusedException(PayText.MollieUnreachableRefund, providerUnavailable: true, inner: ex);
            }

            sent = found;
        }

        return await ApplyAsync(refund.Id, sent, cancellationToken);
    }

    /// <summary>
    /// Brings the payment's unfinished refunds up to Mollie's word (webhook, payment page): statuses, failures (which give the
    /// money back) and refunds Mollie never received.
    /// </summary>
    public async Task SyncAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        List<Refund> unfinished;
        string? providerPaymentId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            providerPaymentId = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => p.ProviderPaymentId).SingleOrDefaultAsync(cancellationToken);
            unfinished = await db.Refunds.AsNoTracking()
                .Where(r => r.PaymentId == paymentId && r.Destination == RefundDestination.Payer
                    && (r.Status == RefundStatus.Queued || r.Status == RefundStatus.Pending || r.Status == RefundStatus.Processing))
                .ToListAsync(cancellationToken);
        }

        if (unfinished.Count == 0 || providerPaymentId is null)
        {
            return;
        }

        var remote = await mollie.ListRefundsAsync(providerPaymentId, cancellationToken);
        foreach (var local in unfinished)
        {
            var match = remote.FirstOrDefault(r => r.Id == local.ProviderRefundId) ?? remote.FirstOrDefault(r => LocalIdOf(r) == local.Id);
            if (match is not null)
            {
                await ApplyAsync(local.Id, match, cancellationToken);
            }
            else if (local.ProviderRefundId is null && clock.GetUtcNow() - local.CreatedAt > UnsentRefundGivenUpAfter)
            {
                await FailAsync(local.Id, RefundStatus.Failed, "Mollie never received the refund; nothing was refunded.", cancellationToken);
            }
        }
    }

    public static string IdempotencyKey(int refundId) => $"refund:{refundId}";

    public static RefundStatus ToRefundStatus(string status) => status switch
    {
        "queued" => RefundStatus.Queued,
        "pending" => RefundStatus.Pending,
        "processing" => RefundStatus.Processing,
        "refunded" => RefundStatus.Refunded,
        "failed" => RefundStatus.Failed,
        "canceled" => RefundStatus.Canceled,
        _ => RefundStatus.Pending,
    };

    private async Task<RefundView> ApplyAsync(int refundId, MollieRefund remote, CancellationToken cancellationToken)
    {
        var status = ToRefundStatus(remote.Status);
        if (status is RefundStatus.Failed or RefundStatus.Canceled)
        {
            await money.RunAsync("Link Mollie refund", async (db, ct) =>
                (await db.Refunds.SingleAsync(r => r.Id == refundId, ct)).AssignProviderId(remote.Id), cancellationToken);
            return await FailAsync(refundId, status, $"Mollie reports the refund {remote.Status}.", cancellationToken);
        }

        return await money.RunAsync("Sync Mollie refund", async (db, ct) =>
        {
            var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, ct);
            refund.AssignProviderId(remote.Id);
            refund.ApplyProviderStatus(status, clock.GetUtcNow());
            return RefundView.From(refund);
        }, cancellationToken);
    }

    private async Task<RefundView> FailAsync(int refundId, RefundStatus status, string reason, CancellationToken cancellationToken)
    {
        var autoMarkPaid = (await settings.GetAsync(cancellationToken)).AutomaticallyMarkInvoicesPaid;
        return await money.RunAsync("Refund failed", async (db, ct) =>
        {
            var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, ct);
            await db.LockClientAsync(refund.ClientId, ct);
            var client = await db.Clients.SingleAsync(c => c.Id == refund.ClientId, ct);
            var payment = await db.Payments.SingleAsync(p => p.Id == refund.PaymentId, ct);
            var reversed = await db.Invoices.Include(i => i.Allocations)
                .Where(i => i.Allocations.Any(a => a.RefundId == refundId)).ToListAsync(ct);
            var open = await db.Invoices.Include(i => i.Allocations)
                .Where(i => i.ClientId == client.Id && i.Status == InvoiceStatus.Open).ToListAsync(ct);
            RefundRules.Fail(client, payment, refund, reversed, open, autoMarkPaid, status, reason, clock.GetUtcNow());
            logger.LogWarning("Refund {RefundId} of payment {PaymentId} failed: {Reason}", refundId, payment.Id, reason);
            return RefundView.From(refund);
        }, cancellationToken);
    }

    private static int? LocalIdOf(MollieRefund refund) =>
        refund.Metadata is { ValueKind: JsonValueKind.Object } metadata
        && metadata.TryGetProperty("refundId", out var id) && id.TryGetInt32(out var value) ? value : null;

    private sealed record PaymentState(Payment Payment, Client Client, List<Invoice> Invoices, long LedgerMinor);

    private static async Task<PaymentState> LoadAsync(InvoiceHubDbContext db, int paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw new NotFoundException("payment", paymentId);
        var client = await db.Clients.SingleAsync(c => c.Id == payment.ClientId, ct);
        var invoices = await db.Invoices.Include(i => i.Allocations)
            .Where(i => i.Allocations.Any(a => a.PaymentId == paymentId)).ToListAsync(ct);
        var ledger = await db.BalanceEntries
            .Where(e => e.PaymentId == paymentId && e.Kind != BalanceEntryKind.RefundToBalance)
            .SumAsync(e => (long?)e.AmountMinor, ct) ?? 0;
        return new PaymentState(payment, client, invoices, ledger);
    }
}
