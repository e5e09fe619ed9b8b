using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

/// <summary>
/// Chargebacks (SPEC "Chargeback", docs/decisions/0021). A chargeback takes its amount off what the payment settled, in
/// one transaction: first the payment's money still on the balance, then its allocations to invoices (newest first),
/// which reopen them; then the payment's credit that was already spent: credit allocations of the client's invoices are
/// taken back newest first, onto the balance, and debited with the rest, so the balance never goes negative. A credit
/// request the payment no longer covers is Open again. What the payment no longer holds (refunded to the payer before)
/// is the shortfall staff must recover. A reversal gives back exactly what the chargeback took.
/// </summary>
public static class ChargebackRules
{
    /// <param name="paidInvoices">The invoices the payment has allocations on, with their allocations.</param>
    /// <param name="creditPaidInvoices">The client's invoices with credit allocations, with their allocations.</param>
    /// <param name="paymentLedgerMinor">The sum of the client's ledger entries that carry this payment: what it put on the balance and did not take back.</param>
    /// <param name="creditRequest">The credit request the payment was made for, if any (Reverse: the same one).</param>
    public static Chargeback ChargeBack(
        Client client,
        Payment payment,
        string providerChargebackId,
        Money amount,
        string? reason,
        IReadOnlyList<Invoice> paidInvoices,
        IReadOnlyList<Invoice> creditPaidInvoices,
        long paymentLedgerMinor,
        CreditRequest? creditRequest,
        DateTimeOffset chargedBackAt,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(paidInvoices);
        ArgumentNullException.ThrowIfNull(creditPaidInvoices);
        if (payment.ClientId != client.Id)
        {
            throw new DomainException(ErrorCodes.WrongClient, "That payment belongs to another client.");
        }

        client.EnsureCurrency(amount);
        var chargeback = Chargeback.Create(payment, providerChargebackId, amount.Minor, reason, chargedBackAt, now);
        payment.AddChargeback(amount.Minor, now);

        var left = amount.Minor;
        var fromHeld = Math.Min(left, Math.Max(0, Math.Min(client.BalanceMinor, paymentLedgerMinor)));
        left -= fromHeld;
        foreach (var invoice in paidInvoices.Where(i => i.Status != InvoiceStatus.Void).OrderByDescending(i => i.DueDate).ThenByDescending(i => i.Id))
        {
            var take = Math.Min(left, invoice.AllocatedBy(payment));
            if (take > 0)
            {
                invoice.ReverseForChargeback(payment, chargeback, take, now);
                left -= take;
            }
        }

        // The payment's credit already spent on invoices: take it back off them, newest first.
        var spent = Math.Min(left, Math.Max(0, paymentLedgerMinor - fromHeld));
        var unapplied = 0L;
        var newestFirst = creditPaidInvoices.Where(i => i.Status != InvoiceStatus.Void && i.CreditAppliedMinor > 0)
            .OrderByDescending(i => i.LastCreditAppliedAt).ThenByDescending(i => i.DueDate).ThenByDescending(i => i.Id);
        foreach (var invoice in newestFirst)
        {
            var take = Math.Min(spent - unapplied, invoice.CreditAppliedMinor);
            if (take <= 0)
            {
                break;
            }

            var allocation = invoice.UnapplyCredit(chargeback, take, now);
            allocation.LinkLedgerEntry(client.Append(BalanceEntryKind.CreditUnapplied, take, now, reason: chargeback.Reason, invoice: invoice, allocation: allocation));
            unapplied += take;
        }

        left -= unapplied;
        var debit = fromHeld + unapplied;
        if (debit > 0)
        {
            client.Append(BalanceEntryKind.ChargedBack, -debit, now, reason: chargeback.Reason, creditRequest: creditRequest, payment: payment);
        }

        var reopen = creditRequest is { Status: CreditRequestStatus.Paid } && IsPaidBy(creditRequest, payment)
            && payment.AmountMinor - payment.ChargedBackMinor < creditRequest.AmountMinor;
        if (reopen)
        {
            creditRequest!.ReopenAfterChargeback(now);
        }

        chargeback.Took(debit, left, reopen);
        return chargeback;
    }

    /// <summary>
    /// Mollie reversed the chargeback: the payment's money goes back to the invoices it was taken from (as far as they are
    /// open and still need it), the rest onto the balance; credit taken back off invoices pays them again, oldest first;
    /// a credit request the chargeback reopened is paid again; with "Automatically mark Invoices paid" on, rule 2 runs.
    /// </summary>
    /// <param name="touchedInvoices">The invoices the chargeback took money off (allocations with its ChargebackId).</param>
    public static void Reverse(
        Client client,
        Payment payment,
        Chargeback chargeback,
        IReadOnlyList<Invoice> touchedInvoices,
        IEnumerable<Invoice> openInvoicesOfClient,
        CreditRequest? creditRequest,
        bool autoMarkPaid,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chargeback);
        ArgumentNullException.ThrowIfNull(touchedInvoices);
        if (chargeback.IsReversed)
        {
            return;
        }

        var toBalance = chargeback.FromBalanceMinor;
        foreach (var invoice in touchedInvoices)
        {
            var reversed = -invoice.Allocations.Where(a => a.Source == AllocationSource.Payment && a.IsOf(chargeback)).Sum(a => a.AmountMinor);
            var back = invoice.Status == InvoiceStatus.Open ? Math.Min(reversed, invoice.StillToPayMinor) : 0;
            if (back > 0)
            {
                invoice.AllocateFromPayment(payment, back, now);
            }

            toBalance += reversed - back;
        }

        chargeback.MarkReversed(now);
        payment.ReleaseChargeback(chargeback.AmountMinor, now);
        var request = creditRequest;
        if (toBalance > 0)
        {
            client.Append(BalanceEntryKind.ChargebackReversed, toBalance, now, reason: $"Chargeback reversed: {chargeback.Reason}", creditRequest: request, payment: payment);
        }

        if (chargeback.ReopenedCreditRequest && request is { Status: CreditRequestStatus.Open } && payment.AmountMinor - payment.ChargedBackMinor >= request.AmountMinor)
        {
            request.MarkPaid(payment, now);
        }

        var oldestFirst = touchedInvoices.Where(i => i.Status == InvoiceStatus.Open)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal).ThenBy(i => i.Id);
        foreach (var invoice in oldestFirst)
        {
            var unapplied = -invoice.Allocations.Where(a => a.Source == AllocationSource.Balance && a.IsOf(chargeback)).Sum(a => a.AmountMinor);
            var amount = Math.Min(Math.Min(unapplied, invoice.StillToPayMinor), client.BalanceMinor);
            if (amount > 0)
            {
                CreditRules.Apply(client, invoice, amount, now);
            }
        }

        CreditRules.ApplyNewCredit(client, openInvoicesOfClient, autoMarkPaid, now);
    }

    /// <summary>
    /// The open invoices the chargeback reopened by taking the payment's own money off them. Not those whose credit it took
    /// back: it took that credit because the balance had to give it up, so paying them from the balance again would re-spend it
    /// (docs/decisions/0023).
    /// </summary>
    public static IReadOnlyList<Invoice> ReopenedByPayment(Chargeback chargeback, IEnumerable<Invoice> invoices) =>
        invoices.Where(i => i.Status == InvoiceStatus.Open
                && i.Allocations.Any(a => a.Source == AllocationSource.Payment && a.IsOf(chargeback))
                && !i.Allocations.Any(a => a.Source == AllocationSource.Balance && a.IsOf(chargeback)))
            .Distinct().ToList();

    private static bool IsPaidBy(CreditRequest request, Payment payment) =>
        ReferenceEquals(request.Payment, payment) || (payment.Id > 0 && request.PaymentId == payment.Id);
}
