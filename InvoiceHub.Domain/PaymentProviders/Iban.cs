using System.Globalization;
using System.Text;

namespace InvoiceHub.Domain.PaymentProviders;

/// <summary>IBAN checks (ISO 13616, mod 97) and RF creditor references (ISO 11649) for wire transfers.</summary>
public static class Iban
{
    public static string Normalize(string? text) =>
        new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    /// <summary>Two letters, two check digits, up to 30 letters or digits, and the whole thing ≡ 1 mod 97.</summary>
    public static bool IsValid(string? text)
    {
        var iban = Normalize(text);
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        return Mod97(iban[4..] + iban[..4]) == 1;
    }

    /// <summary>
    /// An RF creditor reference for a document, e.g. <c>RF18INV202600001</c>: "RF", two check digits, then the
    /// document number's letters and digits (at most 21). Banks across SEPA carry it unchanged.
    /// </summary>
    public static string CreditorReference(string documentNumber)
    {
        var body = new string(Normalize(documentNumber).Where(char.IsAsciiLetterOrDigit).ToArray());
        if (body.Length is 0 or > 21)
        {
            throw new ArgumentException("A creditor reference needs 1 to 21 letters or digits.", nameof(documentNumber));
        }

        var check = 98 - Mod97(body + "RF00");
        return "RF" + check.ToString("00", CultureInfo.InvariantCulture) + body;
    }

    public static bool IsValidCreditorReference(string? reference)
    {
        var text = Normalize(reference);
        return text.Length is >= 5 and <= 25 && text.StartsWith("RF", StringComparison.Ordinal) && text.All(char.IsAsciiLetterOrDigit)
               && Mod97(text[4..] + text[..4]) == 1;
    }

    /// <summary>Letters count as 10..35; the remainder is taken digit by digit so any length fits.</summary>
    private static int Mod97(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            digits.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        var remainder = 0;
        foreach (var d in digits.ToString())
        {
            remainder = (remainder * 10 + (d - '0')) % 97;
        }

        return remainder;
    }
}
