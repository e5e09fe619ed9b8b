using InvoiceHub.Domain;

namespace InvoiceHub.Web.Infrastructure.Formatting;

/// <summary>Text ↔ minor units for form fields ("10.00" ↔ 1000), through the domain's strict Money parser.</summary>
public static class MoneyText
{
    public static string Format(long minor, string currency) => new Money(minor, Currency.FromCode(currency)).ToDecimalString();

    public static long ParseMinor(string text, string currency) => Money.Parse(text?.Trim(), Currency.FromCode(currency)).Minor;

    public static bool TryParseMinor(string? text, string currency, out long minor)
    {
        minor = 0;
        if (!Currency.TryFromCode(currency, out var c) || !Money.TryParse(text?.Trim(), c, out var money))
        {
            return false;
        }
        minor = money.Minor;
        return true;
    }
}
