using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.CreditNotes;

/// <summary>
/// What a credit note takes back of one invoice line: a gross amount at the line's VAT rate. The VAT is the part of
/// the gross at that rate, rounded half away from zero, so net + VAT is exactly the amount credited.
/// </summary>
public sealed class CreditNoteLine : Entity
{
    private CreditNoteLine()
    {
        Description = string.Empty;
    }

    private CreditNoteLine(int position, int invoiceLinePosition, string description, decimal taxRatePercent, long totalMinor)
    {
        Position = position;
        InvoiceLinePosition = invoiceLinePosition;
        Description = description;
        TaxRatePercent = taxRatePercent;
        TotalMinor = totalMinor;
        TaxMinor = Rounding.HalfAwayFromZero(totalMinor * taxRatePercent / (100m + taxRatePercent));
        NetMinor = totalMinor - TaxMinor;
    }

    public int Position { get; private set; }

    /// <summary>The invoice line credited (its position on the invoice).</summary>
    public int InvoiceLinePosition { get; private set; }

    public string Description { get; private set; }

    public decimal TaxRatePercent { get; private set; }

    public long NetMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    internal static CreditNoteLine Create(int position, int invoiceLinePosition, string description, decimal taxRatePercent, long totalMinor) =>
        new(position, invoiceLinePosition, description, taxRatePercent, totalMinor);
}
