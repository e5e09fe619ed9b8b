using System.Globalization;
using System.Text.RegularExpressions;
using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Invoices;

/// <summary>
/// Invoice numbers <c>INV-yyyy-nnnnn</c>, gapless per year. The sequence comes from a database counter
/// allocated by the caller in the same transaction as the issue.
/// </summary>
public static partial class InvoiceNumber
{
    public const int MaxSequence = DocumentNumbers.MaxSequence;

    public static string Format(int year, int sequence) => DocumentNumbers.Format("INV", year, sequence);

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    internal static void EnsureValid(string? number)
    {
        if (!IsValid(number))
        {
            throw new DomainException(
                ErrorCodes.InvalidInvoiceNumber,
                $"'{number}' is not an invoice number; numbers look like INV-2026-00001.",
                "number");
        }
    }

    [GeneratedRegex("^INV-[0-9]{4}-[0-9]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
