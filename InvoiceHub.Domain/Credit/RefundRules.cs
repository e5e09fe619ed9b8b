using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

/// <summary>How much of a payment can go back, and where from.</summary>
public sealed record Refundable(long ToPayerMinor, long ToBalanceMinor, long HeldOnBalanceMinor, long AllocatedMinor);

/// <summary>
/// Refunds (docs/decisions/0009). A refund takes its amount off what the payment settled, in the same
/// transaction: to the payer, first the payment's money still on the balance, then its allocations to
/// invoices (newest first), which re-opens them; to the balance, only its allocations (money already on the
/// balance cannot be refunded onto it). Never more than paid minus already refunded. A refund that fails gives
/// the money back: to the invoices it came from while they still need it, the rest onto the balance.
/// </summary>
public static class RefundRules
{
    /// <param name="settledInvoices">The invoices the payment has allocations on, with their allocations.</param>
    /// <param name="paymentLedgerMinor">
    /// The sum of the client's ledger entries that carry this payment, without RefundToBalance entries: what the
    /// payment put on the balance and did not take back.
    /// </param>
    public static Refundable Refundable(Client client, Payment payment, IEnumerable<Invoice> settledInvoices, long paymentLedgerMinor)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(payment);
        var allocated = settledInvoices.Sum(i => Math.Max(0, i.AllocatedBy(payment)));
        var held = Math.Max(0, Math.Min(client.BalanceMinor, paymentLedgerMinor));
        var left = payment.RefundableMinor;
        return new Refundable(Math.Min(left, held + allocated), Math.Min(left, allocated), held, allocated);
    }

    public static Refund Refund(
        Client client,
        Payment payment,
        IReadOnlyList<Invoice> settledInvoices,
        long paymentLedgerMinor,
        Money amount,
        RefundDestination destination,
        string? reason,
        string requestedBy,
        DateTimeOffset now,
        string? requestKey = null)
    {
        ArgumentNullException.ThrowIfNull(settledInvoices);
        if (payment.ClientId != client.Id)
        {
            throw new DomainException(ErrorCodes.WrongClient, "That payment belongs to another client.");
        }

        client.EnsureCurrency(amount);
        if (!amount.IsPositive)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "A refund must be for more than zero.", "amount");
        }

        if (destination == RefundDestination.Payer && payment.Provider != PaymentProvider.Mollie)
        {
            throw new DomainException(
                ErrorCodes.RefundNotPossible,
                $"Only Mollie payments can be refunded to the payer here; give a {payment.Method} payment back outside InvoiceHub and refund it to the balance, or adjust the balance.",
                "destination");
        }

        if (destination == RefundDestination.Payer && payment.ProviderPaymentId is null)
        {
            throw new DomainException(ErrorCodes.RefundNotPossible, "Mollie never confirmed this payment; it cannot be refunded there.", "destination");
        }

        var refundable = Refundable(client, payment, settledInvoices, paymentLedgerMinor);
        var maximum = destination == RefundDestination.Payer ? refundable.ToPayerMinor : refundable.ToBalanceMinor;
        if (amount.Minor > payment.RefundableMinor)
        {
            // The payment's own limit, with its own message (paid, already refunded).
            payment.AddRefund(amount.Minor, now);
        }

        if (amount.Minor > maximum)
        {
            throw new DomainException(
                ErrorCodes.RefundExceedsRefundable,
                $"At most {new Money(maximum, payment.Currency).ToDecimalString()} {payment.Currency.Code} can be refunded " +
                (destination == RefundDestination.Payer
                    ? "to the payer: the rest of this payment has been used from the balance or refunded."
                    : "to the balance: that is what the payment still pays of invoices."),
                "amount");
        }

        var refund = Payments.Refund.Create(payment, amount.Minor, destination, reason, requestedBy, requestKey, now);
        payment.AddRefund(amount.Minor, now);
        var left = amount.Minor;
        if (destination == RefundDestination.Payer)
        {
            var fromBalance = Math.Min(left, refundable.HeldOnBalanceMinor);
            if (fromBalance > 0)
            {
                client.Append(BalanceEntryKind.RefundedToPayer, -fromBalance, now, reason: refund.Reason, payment: payment);
                refund.TookFromBalance(fromBalance);
                left -= fromBalance;
            }
        }

        foreach (var invoice in settledInvoices.OrderByDescending(i => i.DueDate).ThenByDescending(i => i.Id))
        {
            var take = Math.Min(left, invoice.AllocatedBy(payment));
            if (take > 0)
            {
                invoice.ReverseForRefund(payment, refund, take, now);
                left -= take;
            }
        }

        if (destination == RefundDestination.Balance)
        {
            client.Append(BalanceEntryKind.RefundToBalance, amount.Minor, now, reason: refund.Reason, payment: payment);
        }

        return refund;
    }

    /// <summary>The invoices <paramref name="refund"/> took money off (a Paid one is Open again unless a credit note settles it).</summary>
    public static IReadOnlyList<Invoice> TakenFrom(Refund refund, IEnumerable<Invoice> invoices) =>
        invoices.Where(i => i.Allocations.Any(a => CreditNoteRules.IsOf(a, refund))).Distinct().ToList();

    /// <summary>
    /// The provider refused or failed the refund: it counts no more against the payment, and its money goes back
    /// to the invoices it was taken from (as far as they are open and still need it), the rest onto the balance;
    /// with "Automatically mark Invoices paid" on, rule 2 then runs over <paramref name="openInvoicesOfClient"/>.
    /// </summary>
    /// <param name="reversedInvoices">The invoices the refund took money off (allocations with its RefundId).</param>
    public static void Fail(
        Client client,
        Payment payment,
        Refund refund,
        IReadOnlyList<Invoice> reversedInvoices,
        IEnumerable<Invoice> openInvoicesOfClient,
        bool autoMarkPaid,
        RefundStatus status,
        string? failureReason,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        if (!refund.IsActive || refund.Status == RefundStatus.Refunded || refund.Destination != RefundDestination.Payer)
        {
            return;
        }

        var toBalance = refund.FromBalanceMinor;
        foreach (var invoice in reversedInvoices)
        {
            var reversed = -invoice.Allocations.Where(a => a.Refund == refund || (refund.Id > 0 && a.RefundId == refund.Id)).Sum(a => a.AmountMinor);
            var back = invoice.Status == InvoiceStatus.Open ? Math.Min(reversed, invoice.StillToPayMinor) : 0;
            if (back > 0)
            {
                invoice.AllocateFromPayment(payment, back, now);
            }

            toBalance += reversed - back;
        }

        payment.ReleaseRefund(refund.AmountMinor, now);
        refund.MarkFailed(status is RefundStatus.Canceled ? RefundStatus.Canceled : RefundStatus.Failed, failureReason, now);
        if (toBalance > 0)
        {
            client.Append(BalanceEntryKind.RefundFailed, toBalance, now, reason: $"Refund failed: {refund.Reason}", payment: payment);
            CreditRules.ApplyNewCredit(client, openInvoicesOfClient, autoMarkPaid, now);
        }
    }
}
