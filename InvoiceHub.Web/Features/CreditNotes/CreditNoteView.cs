using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditNotes;

namespace InvoiceHub.Web.Features.CreditNotes;

public sealed record CreditNoteLineView(int Position, int InvoiceLinePosition, string Description, decimal TaxRatePercent, Money Net, Money Tax, Money Total);

public sealed record VatRateView(decimal RatePercent, Money Net, Money Tax);

/// <summary>A credit note as pages, the API and the PDF show it.</summary>
public sealed record CreditNoteView(
    int Id,
    string Number,
    DateOnly IssuedOn,
    int InvoiceId,
    string InvoiceNumber,
    int ClientId,
    string? Reason,
    Money Net,
    Money Tax,
    Money Total,
    Money ToBalance,
    Money ToPayer,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CreditNoteLineView> Lines,
    IReadOnlyList<VatRateView> VatPerRate)
{
    public static CreditNoteView From(CreditNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var currency = note.Currency;
        return new(
            note.Id, note.Reference, note.IssuedOn, note.InvoiceId, note.InvoiceNumber, note.ClientId, note.Reason,
            note.Net, note.Tax, note.Total, new Money(note.ToBalanceMinor, currency), new Money(note.ToPayerMinor, currency),
            note.CreatedBy, note.CreatedAt,
            note.Lines.OrderBy(l => l.Position).Select(l => new CreditNoteLineView(
                l.Position, l.InvoiceLinePosition, l.Description, l.TaxRatePercent,
                new Money(l.NetMinor, currency), new Money(l.TaxMinor, currency), new Money(l.TotalMinor, currency))).ToList(),
            note.VatPerRate().Select(v => new VatRateView(v.RatePercent, new Money(v.NetMinor, currency), new Money(v.TaxMinor, currency))).ToList());
    }
}
