using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;

namespace InvoiceHub.Domain.CreditNotes;

/// <summary>
/// A credit note: the lawful way to take back (part of) an issued invoice. It references the invoice, credits amounts of
/// its lines at their VAT rates and is numbered in its own gapless series (<see cref="CreditNoteNumber"/>). Made only by
/// <see cref="Credit.CreditNoteRules"/>, which reduces what the invoice owes and moves money paid beyond it in the same
/// transaction; the number is assigned by the caller inside that transaction, before it saves.
/// </summary>
public sealed class CreditNote : AggregateRoot
{
    public const int MaxReasonLength = 500;
    public const int MaxRequestKeyLength = 100;

    private readonly List<CreditNoteLine> _lines = [];

    private CreditNote()
    {
        Currency = null!;
        InvoiceNumber = string.Empty;
    }

    private CreditNote(Invoice invoice, string? reason, string createdBy, DateTimeOffset now)
    {
        Invoice = invoice;
        InvoiceId = invoice.Id;
        InvoiceNumber = invoice.Number!;
        ClientId = invoice.ClientId;
        Currency = invoice.Currency;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    /// <summary><c>CN-yyyy-nnnnn</c>; null only between creation and <see cref="AssignNumber"/> in the same transaction.</summary>
    public string? Number { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public int InvoiceId { get; private set; }

    public Invoice? Invoice { get; private set; }

    /// <summary>The credited invoice's number, kept for lists and the PDF.</summary>
    public string InvoiceNumber { get; private set; }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    public string? Reason { get; private set; }

    public string? CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The caller's key (a dialog's, an API Idempotency-Key): the same key answers the same credit note.</summary>
    public string? RequestKey { get; private set; }

    public long NetMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    /// <summary>Money paid on the invoice beyond what it now owes that went onto the client's balance.</summary>
    public long ToBalanceMinor { get; private set; }

    /// <summary>Money paid on the invoice beyond what it now owes that went back to the payer (refunds).</summary>
    public long ToPayerMinor { get; private set; }

    public Money Net => new(NetMinor, Currency);

    public Money Tax => new(TaxMinor, Currency);

    public Money Total => new(TotalMinor, Currency);

    public IReadOnlyList<CreditNoteLine> Lines => _lines;

    public string Reference => Number ?? "(unnumbered)";

    public void AssignNumber(string number, DateOnly issuedOn)
    {
        if (Number is not null)
        {
            throw new InvalidOperationException($"Credit note {Number} is already numbered.");
        }

        CreditNoteNumber.EnsureValid(number, issuedOn);
        Number = number;
        IssuedOn = issuedOn;
        IncrementVersion();
    }

    internal static CreditNote Create(Invoice invoice, IReadOnlyList<(InvoiceLine Line, long AmountMinor)> lines, string? reason, string createdBy, string? requestKey, DateTimeOffset now)
    {
        if (requestKey is { Length: > MaxRequestKeyLength })
        {
            throw new DomainException(ErrorCodes.InvalidReference, $"The request key is longer than {MaxRequestKeyLength} characters.", "requestKey");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            throw new DomainException(ErrorCodes.ReasonRequired, $"Keep the reason to {MaxReasonLength} characters.", "reason");
        }

        var note = new CreditNote(invoice, reason, createdBy, now) { RequestKey = requestKey };
        foreach (var (line, amount) in lines)
        {
            note._lines.Add(CreditNoteLine.Create(note._lines.Count + 1, line.Position, line.Description, line.TaxRatePercent, amount));
        }

        note.NetMinor = note._lines.Sum(l => l.NetMinor);
        note.TaxMinor = note._lines.Sum(l => l.TaxMinor);
        note.TotalMinor = note._lines.Sum(l => l.TotalMinor);
        return note;
    }

    internal void Returned(long toBalanceMinor, long toPayerMinor) => (ToBalanceMinor, ToPayerMinor) = (toBalanceMinor, toPayerMinor);

    /// <summary>VAT per rate, as the invoice shows it.</summary>
    public IReadOnlyList<(decimal RatePercent, long NetMinor, long TaxMinor)> VatPerRate() =>
        _lines.GroupBy(l => l.TaxRatePercent).OrderByDescending(g => g.Key)
            .Select(g => (g.Key, g.Sum(l => l.NetMinor), g.Sum(l => l.TaxMinor))).ToList();
}
