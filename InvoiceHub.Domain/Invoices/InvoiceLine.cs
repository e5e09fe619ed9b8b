using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Invoices;

/// <summary>
/// One line of an invoice. Rounding is per line: net = round(quantity × unit price),
/// tax = round(net × rate / 100), both half away from zero; total = net + tax.
/// </summary>
public sealed class InvoiceLine : Entity
{
    public const int MaxDescriptionLength = 500;
    public const decimal MaxQuantity = 1_000_000m;
    public const long MaxUnitPriceMinor = 100_000_000_000L;

    private InvoiceLine()
    {
        Description = string.Empty;
    }

    private InvoiceLine(int position, string description, decimal quantity, long unitPriceMinor, decimal taxRatePercent)
    {
        Position = position;
        Description = description;
        Update(description, quantity, unitPriceMinor, taxRatePercent);
    }

    /// <summary>Order of the line on the invoice, starting at 1.</summary>
    public int Position { get; private set; }

    public string Description { get; private set; }

    public decimal Quantity { get; private set; }

    public long UnitPriceMinor { get; private set; }

    public decimal TaxRatePercent { get; private set; }

    public long NetMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long TotalMinor { get; private set; }

    /// <summary>What credit notes took back of this line (gross).</summary>
    public long CreditedMinor { get; private set; }

    /// <summary>What a credit note may still take back of this line.</summary>
    public long CreditableMinor => TotalMinor - CreditedMinor;

    public static long CalculateNetMinor(decimal quantity, long unitPriceMinor) =>
        Rounding.HalfAwayFromZero(quantity * unitPriceMinor);

    public static long CalculateTaxMinor(long netMinor, decimal taxRatePercent) =>
        Rounding.HalfAwayFromZero(netMinor * taxRatePercent / 100m);

    internal static InvoiceLine Create(int position, string description, decimal quantity, long unitPriceMinor, decimal taxRatePercent) =>
        new(position, description, quantity, unitPriceMinor, taxRatePercent);

    internal void Update(string description, decimal quantity, long unitPriceMinor, decimal taxRatePercent)
    {
        var trimmed = description?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxDescriptionLength)
        {
            throw new DomainException(
                ErrorCodes.InvalidDescription,
                $"Describe the line in 1 to {MaxDescriptionLength} characters.",
                "description");
        }

        if (quantity <= 0 || quantity > MaxQuantity || decimal.Round(quantity, 3) != quantity)
        {
            throw new DomainException(
                ErrorCodes.InvalidQuantity,
                $"The quantity must be more than 0 and at most {MaxQuantity}, with at most 3 decimals.",
                "quantity");
        }

        if (unitPriceMinor < 0 || unitPriceMinor > MaxUnitPriceMinor)
        {
            throw new DomainException(
                ErrorCodes.InvalidUnitPrice,
                "The unit price cannot be negative or unreasonably large.",
                "unitPrice");
        }

        if (taxRatePercent < 0 || taxRatePercent > 100 || decimal.Round(taxRatePercent, 2) != taxRatePercent)
        {
            throw new DomainException(
                ErrorCodes.InvalidTaxRate,
                "The tax rate must be between 0 and 100 percent, with at most 2 decimals.",
                "taxRate");
        }

        Description = trimmed;
        Quantity = quantity;
        UnitPriceMinor = unitPriceMinor;
        TaxRatePercent = taxRatePercent;
        NetMinor = CalculateNetMinor(quantity, unitPriceMinor);
        TaxMinor = CalculateTaxMinor(NetMinor, taxRatePercent);
        TotalMinor = NetMinor + TaxMinor;
    }

    internal void MoveTo(int position) => Position = position;

    internal void Credit(long amountMinor) => CreditedMinor += amountMinor;
}
