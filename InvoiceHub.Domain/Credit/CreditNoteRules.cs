using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Credit;

/// <summary>A credit note, the refunds it started (to send to Mollie after commit) and what it put on the balance.</summary>
public sealed record IssuedCreditNote(CreditNote CreditNote, IReadOnlyList<Refund> Refunds, IReadOnlyList<BalanceEntry> BalanceEntries);

/// <summary>
/// Credit notes (docs/decisions/0023). A credit note settles part or all of an issued invoice without money, never more
/// than the total minus earlier credit notes, line by line. Money already paid beyond what the invoice now owes leaves it
/// in the same transaction: to the payer (Mollie payments, newest first, as refunds of decision 0009) or onto the
/// balance — credit back as credit, a payment's money as that payment's money on the balance, so a later refund or
/// chargeback of the payment still finds it. Rule 2 is not run, as after a void: staff credit to reissue. An invoice
/// credited in full is Void.
/// </summary>
public static class CreditNoteRules
{
    /// <param name="lines">What to credit per invoice line; null credits everything still creditable.</param>
    public static IssuedCreditNote Issue(
        Client client,
        Invoice invoice,
        IReadOnlyList<CreditedLine>? lines,
        PaidMoneyDestination destination,
        string? reason,
        string requestedBy,
        DateTimeOffset now,
        string? requestKey = null)
    {
        CreditRules.EnsureSameClient(client, invoice);
        if (invoice.CreditableMinor <= 0)
        {
            throw new DomainException(
                ErrorCodes.InvoiceNotCreditable,
                invoice.Status is InvoiceStatus.Open or InvoiceStatus.Paid
                    ? $"Invoice {invoice.Reference} is already credited in full."
                    : $"Invoice {invoice.Reference} is {invoice.Status}; only issued invoices that are not void can be credited.");
        }

        var chosen = Resolve(invoice, lines);
        var note = CreditNote.Create(invoice, chosen, reason, requestedBy, requestKey, now);
        invoice.ApplyCreditNote(note, chosen, now);
        var refunds = new List<Refund>();
        var entries = new List<BalanceEntry>();
        var toPayer = destination == PaidMoneyDestination.Payer ? RefundToPayer(client, invoice, refunds, requestedBy, now) : 0;
        var toBalance = ReturnToBalance(client, invoice, note, entries, now);
        note.Returned(toBalance, toPayer);
        invoice.CompleteAfterCredit(note, now);
        return new IssuedCreditNote(note, refunds, entries);
    }

    /// <summary>
    /// A refund that credits the invoices instead of reopening them: one credit note per invoice for what the refund took
    /// off it, spread over its lines; the invoice stays settled (Void when that credits it in full).
    /// </summary>
    public static IReadOnlyList<CreditNote> CreditRefund(Client client, Refund refund, IEnumerable<Invoice> invoices, string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var notes = new List<CreditNote>();
        foreach (var invoice in RefundRules.TakenFrom(refund, invoices))
        {
            var taken = -invoice.Allocations.Where(a => IsOf(a, refund)).Sum(a => a.AmountMinor);
            notes.Add(Issue(client, invoice, SpreadOverLines(invoice, taken), PaidMoneyDestination.Balance, refund.Reason, requestedBy, now).CreditNote);
        }

        return notes;
    }

    internal static bool IsOf(Allocation allocation, Refund refund) =>
        ReferenceEquals(allocation.Refund, refund) || (refund.Id > 0 && allocation.RefundId == refund.Id);

    /// <summary>Spreads a gross amount over the lines still creditable, in proportion to what each may still take (largest remainder).</summary>
    public static IReadOnlyList<CreditedLine> SpreadOverLines(Invoice invoice, long amountMinor)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var creditable = invoice.Lines.Where(l => l.CreditableMinor > 0).OrderBy(l => l.Position).ToList();
        var total = creditable.Sum(l => l.CreditableMinor);
        if (amountMinor <= 0 || amountMinor > total)
        {
            throw new DomainException(
                ErrorCodes.CreditExceedsCreditable,
                $"Credit from {new Money(1, invoice.Currency).ToDecimalString()} up to {new Money(total, invoice.Currency).ToDecimalString()} {invoice.Currency.Code} of invoice {invoice.Reference}.",
                "amount");
        }

        var shares = creditable.Select(l => (Line: l, Exact: (decimal)amountMinor * l.CreditableMinor / total)).ToList();
        var amounts = shares.Select(s => (long)decimal.Floor(s.Exact)).ToArray();
        var left = amountMinor - amounts.Sum();
        foreach (var index in shares.Select((s, i) => (Fraction: s.Exact - decimal.Floor(s.Exact), i)).OrderByDescending(x => x.Fraction).ThenBy(x => x.i).Select(x => x.i))
        {
            if (left == 0)
            {
                break;
            }

            amounts[index]++;
            left--;
        }

        return shares.Select((s, i) => new CreditedLine(s.Line.Position, amounts[i])).Where(l => l.AmountMinor > 0).ToList();
    }

    private static List<(InvoiceLine Line, long AmountMinor)> Resolve(Invoice invoice, IReadOnlyList<CreditedLine>? lines)
    {
        if (lines is null)
        {
            return invoice.Lines.Where(l => l.CreditableMinor > 0).OrderBy(l => l.Position).Select(l => (l, l.CreditableMinor)).ToList();
        }

        if (lines.Count == 0)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "Choose at least one line to credit.", "lines");
        }

        var chosen = new List<(InvoiceLine, long)>();
        foreach (var group in lines.GroupBy(l => l.InvoiceLinePosition))
        {
            var line = invoice.Lines.FirstOrDefault(l => l.Position == group.Key)
                ?? throw new DomainException(ErrorCodes.LineNotFound, $"Invoice {invoice.Reference} has no line {group.Key}.", "lines");
            var amount = group.Sum(l => l.AmountMinor);
            if (group.Any(l => l.AmountMinor <= 0) || amount > line.CreditableMinor)
            {
                throw new DomainException(
                    ErrorCodes.CreditExceedsCreditable,
                    $"Line {line.Position} ({line.Description}) can be credited from {new Money(1, invoice.Currency).ToDecimalString()} " +
                    $"up to {new Money(line.CreditableMinor, invoice.Currency).ToDecimalString()} {invoice.Currency.Code}.",
                    $"lines[{line.Position}].amount");
            }

            chosen.Add((line, amount));
        }

        return chosen.OrderBy(c => c.Item1.Position).ToList();
    }

    /// <summary>Mollie payments on the invoice go back to the payer first, newest first, as far as each can be refunded.</summary>
    private static long RefundToPayer(Client client, Invoice invoice, List<Refund> refunds, string requestedBy, DateTimeOffset now)
    {
        var refunded = 0L;
        foreach (var payment in invoice.PaymentsNewestFirst().Where(p => p.Provider == PaymentProvider.Mollie && p.ProviderPaymentId is not null))
        {
            var take = Math.Min(invoice.OverpaidMinor, Math.Min(invoice.AllocatedBy(payment), payment.RefundableMinor));
            if (take > 0)
            {
                // Only this invoice's allocation: the payment's money on the balance is not this credit note's to refund.
                refunds.Add(RefundRules.Refund(
                    client, payment, [invoice], 0, new Money(take, payment.Currency), RefundDestination.Payer,
                    $"Credit note on invoice {invoice.Number}", requestedBy, now));
                refunded += take;
            }
        }

        return refunded;
    }

    /// <summary>The rest goes onto the balance: credit first (back where it came from), then payments' money, newest first.</summary>
    private static long ReturnToBalance(Client client, Invoice invoice, CreditNote note, List<BalanceEntry> entries, DateTimeOffset now)
    {
        var returned = 0L;
        var reason = $"Credit note on invoice {invoice.Number}";
        var credit = Math.Min(invoice.OverpaidMinor, invoice.CreditAppliedMinor);
        if (credit > 0)
        {
            var allocation = invoice.ReturnByCreditNote(null, note, credit, now);
            var entry = client.Append(BalanceEntryKind.CreditReturned, credit, now, reason: reason, invoice: invoice, allocation: allocation);
            allocation.LinkLedgerEntry(entry);
            entries.Add(entry);
            returned += credit;
        }

        foreach (var payment in invoice.PaymentsNewestFirst())
        {
            var take = Math.Min(invoice.OverpaidMinor, invoice.AllocatedBy(payment));
            if (take > 0)
            {
                invoice.ReturnByCreditNote(payment, note, take, now);
                entries.Add(client.Append(BalanceEntryKind.CreditNoteToBalance, take, now, reason: reason, invoice: invoice, payment: payment));
                returned += take;
            }
        }

        if (invoice.OverpaidMinor > 0)
        {
            throw new InvalidOperationException($"Invoice {invoice.Number} is still paid beyond its total after a credit note.");
        }

        return returned;
    }
}
