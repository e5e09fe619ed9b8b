using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Payables;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.Invoices;

/// <summary>
/// Draft → Open (<see cref="Issue"/>) → Paid when the allocations reach the total; Void from any state
/// but Void, and when credit notes credit it in full. Money moves in and out only through <see cref="Credit.CreditRules"/>,
/// which keeps the client's ledger and the allocations in step. A credit note is an allocation too (it settles part of the
/// total without money), so Still to pay stays Total − allocations everywhere, SQL included.
/// </summary>
public sealed class Invoice : AggregateRoot, IPayableDocument
{
    public const int MaxLines = 200;

    private readonly List<InvoiceLine> _lines = [];
    private readonly List<Allocation> _allocations = [];

    private Invoice()
    {
        Currency = null!;
    }

    private Invoice(int clientId, Currency currency, DateOnly dueDate, DateTimeOffset now)
    {
        ClientId = clientId;
        Currency = currency;
        DueDate = dueDate;
        CreatedAt = now;
        Status = InvoiceStatus.Draft;
    }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    public InvoiceStatus Status { get; private set; }

    /// <summary><c>INV-yyyy-nnnnn</c>, set when issued.</summary>
    public string? Number { get; private set; }

    public DateOnly DueDate { get; private set; }

    public DateOnly? IssuedOn { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? VoidedAt { get; private set; }

    public string? VoidReason { get; private set; }

    public long NetMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    /// <summary>Sum of the allocations, credit notes included (kept as it was when the invoice is voided: history is not rewritten).</summary>
    public long AmountPaidMinor { get; private set; }

    /// <summary>What credit notes took off the total (their allocations).</summary>
    public long CreditedMinor { get; private set; }

    /// <summary>What a credit note may still credit: the total minus earlier credit notes, on an issued invoice that is not void.</summary>
    public long CreditableMinor => Status is InvoiceStatus.Open or InvoiceStatus.Paid ? TotalMinor - CreditedMinor : 0;

    /// <summary>Money (payments and credit) that settles the invoice: the allocations without the credit notes'.</summary>
    public long MoneyPaidMinor => AmountPaidMinor - CreditedMinor;

    /// <summary>max(0, Total − AmountPaid); 0 once void, because nothing is owed on a void invoice.</summary>
    public long StillToPayMinor => Status == InvoiceStatus.Void ? 0 : Math.Max(0, TotalMinor - AmountPaidMinor);

    public Money Net => new(NetMinor, Currency);

    public Money Tax => new(TaxMinor, Currency);

    public Money Total => new(TotalMinor, Currency);

    public Money AmountPaid => new(AmountPaidMinor, Currency);

    public Money StillToPay => new(StillToPayMinor, Currency);

    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public IReadOnlyList<Allocation> Allocations => _allocations;

    public PayableKind Kind => PayableKind.Invoice;

    public DocumentKind RecordKind => DocumentKind.Invoice;

    public string Reference => Number ?? "(draft)";

    DateOnly? IPayableDocument.DueDate => DueDate;

    public string StatusName => Status.ToString();

    public bool IsPayable => Status == InvoiceStatus.Open && StillToPayMinor > 0;

    public bool AcceptsPartialPayment => true;

    public bool IsIssued => Status != InvoiceStatus.Draft;

    public IReadOnlyList<PayableLine> PayableLines() =>
        _lines.OrderBy(l => l.Position).Select(l => new PayableLine(l.Description, l.Quantity, l.UnitPriceMinor, l.TaxRatePercent, l.NetMinor + l.TaxMinor)).ToList();

    public void ClaimForOnlinePayment(DateTimeOffset now)
    {
        PayableRules.EnsurePayable(this);
        IncrementVersion();
        Raise(new RecordChanged(this, "claimed for an online payment", now));
    }

    public static Invoice CreateDraft(Client client, DateOnly dueDate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new Invoice(client.Id, client.Currency, dueDate, now);
    }

    public bool IsOverdue(DateOnly today) => Status == InvoiceStatus.Open && today > DueDate;

    public InvoiceLine AddLine(string description, decimal quantity, long unitPriceMinor, decimal taxRatePercent)
    {
        EnsureDraft();
        if (_lines.Count >= MaxLines)
        {
            throw new DomainException(ErrorCodes.TooManyLines, $"An invoice holds at most {MaxLines} lines.", "lines");
        }

        var line = InvoiceLine.Create(_lines.Count + 1, description, quantity, unitPriceMinor, taxRatePercent);
        var totals = Sum(_lines.Append(line));
        _lines.Add(line);
        SetTotals(totals);
        IncrementVersion();
        return line;
    }

    public void UpdateLine(InvoiceLine line, string description, decimal quantity, long unitPriceMinor, decimal taxRatePercent)
    {
        EnsureDraft();
        EnsureOwnLine(line);
        var replacement = InvoiceLine.Create(line.Position, description, quantity, unitPriceMinor, taxRatePercent);
        var totals = Sum(_lines.Select(l => ReferenceEquals(l, line) ? replacement : l));
        line.Update(description, quantity, unitPriceMinor, taxRatePercent);
        SetTotals(totals);
        IncrementVersion();
    }

    public void RemoveLine(InvoiceLine line)
    {
        EnsureDraft();
        EnsureOwnLine(line);
        _lines.Remove(line);
        for (var i = 0; i < _lines.Count; i++)
        {
            _lines[i].MoveTo(i + 1);
        }

        SetTotals(Sum(_lines));
        IncrementVersion();
    }

    public void ChangeDueDate(DateOnly dueDate)
    {
        EnsureDraft();
        DueDate = dueDate;
        IncrementVersion();
    }

    /// <summary>
    /// Numbers the invoice and opens it for payment. A zero total is Paid at once; an invoice without
    /// lines cannot be issued. Apply credit afterwards with <see cref="Credit.CreditRules.ApplyOnIssue"/>.
    /// </summary>
    public void Issue(string number, DateOnly issuedOn, DateTimeOffset now)
    {
        EnsureDraft();
        InvoiceNumber.EnsureValid(number);
        if (!number.AsSpan(4, 4).SequenceEqual(issuedOn.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))
        {
            throw new DomainException(
                ErrorCodes.InvalidInvoiceNumber,
                $"Invoice number {number} belongs to another year than the issue date {issuedOn:yyyy-MM-dd}.",
                "number");
        }

        if (_lines.Count == 0)
        {
            throw new DomainException(ErrorCodes.InvoiceHasNoLines, "Add at least one line before issuing the invoice.", "lines");
        }

        Number = number;
        IssuedOn = issuedOn;
        Status = InvoiceStatus.Open;
        IncrementVersion();
        Raise(new InvoiceIssued(this, number, Total, now));
        if (TotalMinor == 0)
        {
            MarkPaid(now);
        }
    }

    internal void EnsureCanAllocate(long amountMinor)
    {
        if (Status != InvoiceStatus.Open)
        {
            throw new DomainException(
                ErrorCodes.InvoiceNotOpen,
                $"Invoice {Number ?? "(draft)"} is {Status}; only open invoices can be paid.");
        }

        if (amountMinor <= 0)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "The amount must be more than zero.", "amount");
        }

        if (amountMinor > StillToPayMinor)
        {
            throw new DomainException(
                ErrorCodes.AllocationExceedsStillToPay,
                $"Only {StillToPay.ToDecimalString()} {Currency.Code} is still to pay on invoice {Number}.",
                "amount");
        }
    }

    internal Allocation AllocateFromPayment(Payment payment, long amountMinor, DateTimeOffset now)
    {
        EnsureCanAllocate(amountMinor);
        var allocation = Allocation.FromPayment(amountMinor, payment, now);
        Allocate(allocation);
        Raise(new PaymentAllocated(this, payment, new Money(amountMinor, Currency), StillToPay, now));
        CompleteIfPaid(now);
        return allocation;
    }

    internal Allocation AllocateFromBalance(long amountMinor, DateTimeOffset now)
    {
        EnsureCanAllocate(amountMinor);
        var allocation = Allocation.FromBalance(amountMinor, now);
        Allocate(allocation);
        Raise(new CreditApplied(this, new Money(amountMinor, Currency), StillToPay, now));
        CompleteIfPaid(now);
        return allocation;
    }

    /// <summary>What <paramref name="payment"/> still pays of this invoice (nothing once the invoice is void).</summary>
    public long AllocatedBy(Payment payment) =>
        _allocations.Where(a => !a.IsVoided && a.IsOf(payment)).Sum(a => a.AmountMinor);

    /// <summary>A refund takes money of the payment back off the invoice: a negative allocation; a Paid invoice is Open again.</summary>
    internal Allocation ReverseForRefund(Payment payment, Refund refund, long amountMinor, DateTimeOffset now)
    {
        if (amountMinor <= 0 || amountMinor > AllocatedBy(payment))
        {
            throw new DomainException(ErrorCodes.RefundExceedsRefundable, $"The payment pays only {new Money(AllocatedBy(payment), Currency).ToDecimalString()} of invoice {Number}.", "amount");
        }

        var allocation = Allocation.Reversal(amountMinor, payment, refund, now);
        Allocate(allocation);
        ReopenIfUnpaid();
        Raise(new PaymentAllocated(this, payment, new Money(-amountMinor, Currency), StillToPay, now));
        return allocation;
    }

    /// <summary>The credit applied to this invoice from the balance, net of what chargebacks took back.</summary>
    public long CreditAppliedMinor => _allocations.Where(a => !a.IsVoided && a.Source == AllocationSource.Balance).Sum(a => a.AmountMinor);

    /// <summary>When credit was last applied to this invoice (chargebacks take credit back newest first).</summary>
    public DateTimeOffset? LastCreditAppliedAt =>
        _allocations.Where(a => !a.IsVoided && a.Source == AllocationSource.Balance && a.AmountMinor > 0).Select(a => (DateTimeOffset?)a.CreatedAt).Max();

    /// <summary>A chargeback takes money of the payment back off the invoice: a negative allocation; a Paid invoice is Open again.</summary>
    internal Allocation ReverseForChargeback(Payment payment, Chargeback chargeback, long amountMinor, DateTimeOffset now)
    {
        EnsureReversible(amountMinor, AllocatedBy(payment));
        var allocation = Allocation.ChargebackReversal(amountMinor, payment, chargeback, now);
        Allocate(allocation);
        ReopenIfUnpaid();
        Raise(new PaymentAllocated(this, payment, new Money(-amountMinor, Currency), StillToPay, now));
        return allocation;
    }

    /// <summary>A chargeback takes back credit that paid the invoice (so the balance can give it up): a negative credit allocation.</summary>
    internal Allocation UnapplyCredit(Chargeback chargeback, long amountMinor, DateTimeOffset now)
    {
        EnsureReversible(amountMinor, CreditAppliedMinor);
        var allocation = Allocation.CreditUnapplied(amountMinor, chargeback, now);
        Allocate(allocation);
        ReopenIfUnpaid();
        Raise(new CreditApplied(this, new Money(-amountMinor, Currency), StillToPay, now));
        return allocation;
    }

    /// <summary>
    /// A credit note settles its total of the invoice (an allocation that is no money). The invoice may be paid beyond its
    /// total for a moment: <see cref="Credit.CreditNoteRules"/> moves the excess off it before it completes.
    /// </summary>
    internal void ApplyCreditNote(CreditNote creditNote, IReadOnlyList<(InvoiceLine Line, long AmountMinor)> lines, DateTimeOffset now)
    {
        foreach (var (line, amount) in lines)
        {
            line.Credit(amount);
        }

        CreditedMinor += creditNote.TotalMinor;
        Allocate(Allocation.ByCreditNote(creditNote, now));
        Raise(new InvoiceCredited(this, creditNote, StillToPay, now));
    }

    /// <summary>What the allocations exceed the total by, after a credit note.</summary>
    internal long OverpaidMinor => Math.Max(0, AmountPaidMinor - TotalMinor);

    /// <summary>The payments with money on the invoice, the latest paid first.</summary>
    internal IReadOnlyList<Payment> PaymentsNewestFirst() =>
        _allocations.Where(a => !a.IsVoided && a.Source == AllocationSource.Payment && a.AmountMinor > 0)
            .Select(a => a.Payment ?? throw new InvalidOperationException($"Load the payments of invoice {Number}'s allocations."))
            .Distinct().OrderByDescending(p => _allocations.Where(a => a.IsOf(p)).Max(a => a.CreatedAt)).ThenByDescending(p => p.Id).ToList();

    /// <summary>A credit note moves money of a payment (or credit, when <paramref name="payment"/> is null) off the invoice.</summary>
    internal Allocation ReturnByCreditNote(Payment? payment, CreditNote creditNote, long amountMinor, DateTimeOffset now)
    {
        var available = payment is null ? CreditAppliedMinor : AllocatedBy(payment);
        if (amountMinor <= 0 || amountMinor > Math.Min(available, OverpaidMinor))
        {
            throw new InvalidOperationException($"A credit note cannot move {amountMinor} off invoice {Number}.");
        }

        var allocation = Allocation.ReturnedByCreditNote(amountMinor, payment, creditNote, now);
        Allocate(allocation);
        return allocation;
    }

    /// <summary>After a credit note: credited in full, the invoice is Void; settled, it is Paid.</summary>
    internal void CompleteAfterCredit(CreditNote creditNote, DateTimeOffset now)
    {
        if (CreditedMinor == TotalMinor)
        {
            foreach (var allocation in _allocations)
            {
                allocation.MarkVoided(now);
            }

            Status = InvoiceStatus.Void;
            VoidedAt = now;
            VoidReason = creditNote.Reason;
            PaidAt = null;
            Raise(new InvoiceVoided(this, new Money(0, Currency), now));
        }
        else if (Status == InvoiceStatus.Open)
        {
            CompleteIfPaid(now);
        }
    }

    private void EnsureReversible(long amountMinor, long availableMinor)
    {
        if (Status == InvoiceStatus.Void || amountMinor <= 0 || amountMinor > availableMinor)
        {
            throw new DomainException(ErrorCodes.ChargebackNotPossible, $"Only {new Money(Math.Max(0, availableMinor), Currency).ToDecimalString()} can be taken back off invoice {Number}.", "amount");
        }
    }

    private void ReopenIfUnpaid()
    {
        if (Status == InvoiceStatus.Paid && AmountPaidMinor < TotalMinor)
        {
            Status = InvoiceStatus.Open;
            PaidAt = null;
        }
    }

    /// <summary>Voids the invoice and returns what was allocated to it, which goes back to the client's balance.</summary>
    internal Money Void(DateTimeOffset now, string? reason)
    {
        if (Status == InvoiceStatus.Void)
        {
            throw new DomainException(ErrorCodes.InvoiceAlreadyVoid, $"Invoice {Number ?? "(draft)"} is already void.");
        }

        var returned = 0L;
        foreach (var allocation in _allocations.Where(a => !a.IsVoided))
        {
            returned += allocation.AmountMinor;
            allocation.MarkVoided(now);
        }

        Status = InvoiceStatus.Void;
        VoidedAt = now;
        VoidReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        IncrementVersion();
        var money = new Money(returned, Currency);
        Raise(new InvoiceVoided(this, money, now));
        return money;
    }

    private void Allocate(Allocation allocation)
    {
        _allocations.Add(allocation);
        AmountPaidMinor += allocation.AmountMinor;
        IncrementVersion();
    }

    private void CompleteIfPaid(DateTimeOffset now)
    {
        if (AmountPaidMinor >= TotalMinor)
        {
            MarkPaid(now);
        }
    }

    private void MarkPaid(DateTimeOffset now)
    {
        Status = InvoiceStatus.Paid;
        PaidAt = now;
        Raise(new InvoicePaid(this, Total, now));
    }

    private void EnsureDraft()
    {
        if (Status != InvoiceStatus.Draft)
        {
            throw new DomainException(
                ErrorCodes.InvoiceNotDraft,
                $"Invoice {Number} is {Status}; only draft invoices can be edited. Void it and issue a new one instead.");
        }
    }

    private void EnsureOwnLine(InvoiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!_lines.Contains(line))
        {
            throw new DomainException(ErrorCodes.LineNotFound, "That line is not on this invoice.", "lines");
        }
    }

    private static (long Net, long Tax, long Total) Sum(IEnumerable<InvoiceLine> lines)
    {
        try
        {
            long net = 0, tax = 0;
            foreach (var line in lines)
            {
                net = checked(net + line.NetMinor);
                tax = checked(tax + line.TaxMinor);
            }

            return (net, tax, checked(net + tax));
        }
        catch (OverflowException)
        {
            throw new DomainException(ErrorCodes.AmountOutOfRange, "The invoice total is too large; split it into several invoices.", "lines");
        }
    }

    private void SetTotals((long Net, long Tax, long Total) totals) => (NetMinor, TaxMinor, TotalMinor) = totals;
}
