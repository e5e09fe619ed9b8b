using System.Globalization;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>Mollie's money shape: <c>{"currency":"EUR","value":"10.00"}</c>; the value is a string with the currency's decimals.</summary>
public sealed record MollieAmount(string Currency, string Value)
{
    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.OrdinalIgnoreCase) { "JPY", "ISK" };

    public static MollieAmount From(decimal amount, string currency)
    {
        var decimals = ZeroDecimalCurrencies.Contains(currency) ? 0 : 2;
        var rounded = Math.Round(amount, decimals, MidpointRounding.AwayFromZero);
        return new MollieAmount(currency.ToUpperInvariant(), rounded.ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    public static MollieAmount Eur(decimal amount) => From(amount, "EUR");

    /// <summary>Our money in Mollie's shape, with the currency's own decimals.</summary>
    public static MollieAmount From(InvoiceHub.Domain.Money money) => new(money.Currency.Code, money.ToDecimalString());

    /// <summary>Mollie's amount as our money (minor units).</summary>
    public InvoiceHub.Domain.Money ToMoney() => InvoiceHub.Domain.Money.Parse(Value, InvoiceHub.Domain.Currency.FromCode(Currency, "currency"));

    public decimal ToDecimal() => decimal.Parse(Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public override string ToString() => $"{Currency} {Value}";
}
