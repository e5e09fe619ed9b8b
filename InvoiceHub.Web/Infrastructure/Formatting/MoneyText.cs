using System.Globalization;

namespace InvoiceHub.Web.Infrastructure.Formatting;

/// <summary>Text ↔ minor units for form fields ("10.00" ↔ 1000); two decimals until the domain's Money lands.</summary>
public static class MoneyText
{
    public static string Format(long minor, string currency) =>
        (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static long ParseMinor(string text, string currency) =>
        TryParseMinor(text, currency, out var minor) ? minor : throw new FormatException($"'{text}' is not an amount in {currency}.");

    public static bool TryParseMinor(string? text, string currency, out long minor)
    {
        minor = 0;
        if (string.IsNullOrWhiteSpace(text) || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        var scaled = value * 100m;
        if (scaled != decimal.Truncate(scaled) || Math.Abs(scaled) > long.MaxValue / 2)
        {
            return false;
        }
        minor = (long)scaled;
        return true;
    }
}
