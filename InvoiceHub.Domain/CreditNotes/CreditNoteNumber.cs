using System.Globalization;
using System.Text.RegularExpressions;
using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.CreditNotes;

/// <summary>
/// Credit-note numbers <c>CN-yyyy-nnnnn</c>, gapless per year and a series of their own: the counter is allocated by the
/// caller in the same transaction as the credit note, as invoice numbers are.
/// </summary>
public static partial class CreditNoteNumber
{
    public const int MaxSequence = DocumentNumbers.MaxSequence;

    public static string Format(int year, int sequence) => DocumentNumbers.Format("CN", year, sequence);

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    internal static void EnsureValid(string? number, DateOnly issuedOn)
    {
        if (!IsValid(number) || number!.Substring(3, 4) != issuedOn.Year.ToString("D4", CultureInfo.InvariantCulture))
        {
            throw new DomainException(
                ErrorCodes.InvalidCreditNoteNumber,
                $"'{number}' is not a credit-note number of {issuedOn.Year}; numbers look like CN-{issuedOn.Year:D4}-00001.",
                "number");
        }
    }

    [GeneratedRegex("^CN-[0-9]{4}-[0-9]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
