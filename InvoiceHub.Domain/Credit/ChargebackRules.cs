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
/// A payment for several documents may have paid credit requests next to invoices: each credit request it paid stays
/// paid only while the payment's credit left on the ledger still covers it (oldest first); the others are Open again.
/// </summary>
public static class ChargebackRules
{
    /// <param name="paidInvoices">The invoices the payment has allocations on, with their allocations.</param>
    /// <param name="creditPaidInvoices">The client's invoices with credit allocations, with their allocations.</param>
    /// <param name="paymentLedgerMinor">The sum of the client's ledger entries that carry this payment: what it put on the balance and did not take back.</param>
    /// <param name="creditRequests">The credit requests the payment was made for or covered (one, several when it paid several documents, or none).</param>
    public static Chargeback ChargeBack(
        Client client,
        Payment payment,
        string providerChargebackId,
        Money amount,
        string? reason,
        IReadOnlyList<Invoice> paidInvoices,
        IReadOnlyList<Invoice> creditPaidInvoices,
        long paymentLedgerMinor,
        IReadOnlyList<CreditRequest> creditRequests,
        DateTimeOffset chargedBackAt,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(paidInvoices);
        ArgumentNullException.ThrowIfNull(creditPaidInvoices);
        ArgumentNullException.ThrowIfNull(creditRequests);
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
        var paidRequests = OldestFirst(creditRequests.Where(r => r.Status == CreditRequestStatus.Paid && IsPaidBy(r, payment))).ToList();
        if (debit > 0)
        {
            // The entry names the credit request the payment was for, even one an earlier chargeback already reopened.
            client.Append(BalanceEntryKind.ChargedBack, -debit, now, reason: chargeback.Reason,
                creditRequest: paidRequests.FirstOrDefault() ?? OldestFirst(creditRequests).FirstOrDefault(), payment: payment);
        }

        // What the payment still holds as credit after this chargeback keeps its credit requests paid, oldest first. A
        // request's credit is taken back even when the payment's invoices keep their money (they were paid by the rest).
        var creditLeft = Math.Min(paymentLedgerMinor - debit, payment.AmountMinor - payment.ChargedBackMinor);
        var reopen = false;
        foreach (var request in paidRequests)
        {
            if (creditLeft >= request.AmountMinor)
            {
                creditLeft -= request.AmountMinor;
                continue;
            }

            request.ReopenAfterChargeback(now);
            creditLeft = 0;
            reopen = true;
        }

        chargeback.Took(debit, left, reopen);
        return chargeback;
    }

    private static IEnumerable<CreditRequest> OldestFirst(IEnumerable<CreditRequest> requests) =>
        requests.OrderBy(r => r.DueDate ?? DateOnly.MaxValue).ThenBy(r => r.Id);

    /// <summary>
    /// Mollie reversed the chargeback: the payment's money goes back to the invoices it was taken from (as far as they are
    /// open and still need it), the rest onto the balance; credit taken back off invoices pays them again, oldest first;
    /// a credit request a chargeback reopened is paid again once the payment's credit covers it; with "Automatically mark Invoices paid" on, rule 2 runs.
    /// </summary>
    /// <param name="touchedInvoices">The invoices the chargeback took money off (allocations with its ChargebackId).</param>
    /// <param name="paymentLedgerMinor">The sum of the client's ledger entries that carry this payment, before the reversal.</param>
    public static void Reverse(
        Client client,
        Payment payment,
        Chargeback chargeback,
        IReadOnlyList<Invoice> touchedInvoices,
        IEnumerable<Invoice> openInvoicesOfClient,
        IReadOnlyList<CreditRequest> creditRequests,
        long paymentLedgerMinor,
        bool autoMarkPaid,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chargeback);
        ArgumentNullException.ThrowIfNull(touchedInvoices);
        ArgumentNullException.ThrowIfNull(creditRequests);
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
        var reopened = OldestFirst(creditRequests.Where(r => r.Status == CreditRequestStatus.Open)).ToList();
        if (toBalance > 0)
        {
            client.Append(BalanceEntryKind.ChargebackReversed, toBalance, now, reason: $"Chargeback reversed: {chargeback.Reason}",
                creditRequest: reopened.FirstOrDefault() ?? creditRequests.FirstOrDefault(), payment: payment);
        }

        // As in ChargeBack: the payment's credit on the ledger, now back, pays its reopened credit requests again (oldest
        // first) as far as its credit requests still paid leave it; with several chargebacks, the last reversal does.
        var covered = Math.Min(paymentLedgerMinor + toBalance, payment.AmountMinor - payment.ChargedBackMinor)
            - creditRequests.Where(r => r.Status == CreditRequestStatus.Paid && IsPaidBy(r, payment)).Sum(r => r.AmountMinor);
        foreach (var request in reopened)
        {
            if (covered >= request.AmountMinor)
            {
                request.MarkPaid(payment, now);
                covered -= request.AmountMinor;
            }
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
