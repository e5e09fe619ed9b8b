using System.Globalization;

namespace InvoiceHub.Domain.Common;

/// <summary>The shape every gapless document series shares: <c>PREFIX-yyyy-nnnnn</c> (invoices INV, credit notes CN).</summary>
internal static class DocumentNumbers
{
    public const int MaxSequence = 99_999;

    public static string Format(string prefix, int year, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{sequence:D5}");
    }
}
