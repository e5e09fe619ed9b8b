using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

public static partial class CreditRules
{
    /// <summary>
    /// A paid payment for several documents at once ("Pay several at once"): its money goes to them oldest due first
    /// (a document without a due date last; then invoices before credit requests, then by id). An open invoice takes
    /// what it still needs, or what is left; an open credit request is paid only when what is left covers it (its amount
    /// goes to the balance). Documents paid meanwhile are skipped. What is left goes to the balance as an overpayment,
    /// and rule 2 then runs over <paramref name="otherOpenInvoices"/>.
    /// </summary>
    public static RecordedPayment RecordPaymentForSeveral(
        Client client,
        Payment payment,
        IReadOnlyList<Invoice> invoices,
        IReadOnlyList<CreditRequest> creditRequests,
        bool autoMarkPaid,
        IEnumerable<Invoice> otherOpenInvoices,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(creditRequests);
        EnsureRecordable(client, payment);
        foreach (var invoice in invoices)
        {
            EnsureSameClient(client, invoice);
        }

        foreach (var request in creditRequests)
        {
            EnsureSameClient(client, request.ClientId, request.Currency);
        }

        var others = CheckedInvoices(client, otherOpenInvoices).Except(invoices).ToList();
        var ordered = invoices.Select(i => (Due: (DateOnly?)i.DueDate, Order: 0, i.Id, Invoice: (Invoice?)i, Request: (CreditRequest?)null))
            .Concat(creditRequests.Select(r => (Due: r.DueDate, Order: 1, r.Id, Invoice: (Invoice?)null, Request: (CreditRequest?)r)))
            .OrderBy(d => d.Due ?? DateOnly.MaxValue).ThenBy(d => d.Order).ThenBy(d => d.Id);
        var left = payment.AmountMinor;
        var entries = new List<BalanceEntry>();
        foreach (var document in ordered)
        {
            if (document.Invoice is { Status: InvoiceStatus.Open } invoice && left > 0)
            {
                var amount = Math.Min(left, invoice.StillToPayMinor);
                if (amount > 0)
                {
                    invoice.AllocateFromPayment(payment, amount, now);
                    left -= amount;
                }
            }
            else if (document.Request is { Status: CreditRequestStatus.Open } request && left >= request.AmountMinor)
            {
                request.MarkPaid(payment, now);
                entries.Add(client.Append(BalanceEntryKind.CreditRequestPaid, request.AmountMinor, now, creditRequest: request, payment: payment));
                left -= request.AmountMinor;
            }
        }

        if (left > 0)
        {
            entries.Add(client.Append(BalanceEntryKind.Overpayment, left, now, payment: payment));
        }

        payment.MarkRecorded(now);
        var applied = left > 0 && autoMarkPaid ? ApplyOldestFirst(client, others, now) : [];
        return new RecordedPayment(payment, null, entries, applied);
    }
}
