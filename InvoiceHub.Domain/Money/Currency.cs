using InvoiceHub.Domain.Common;

// Money and Currency live in the root namespace: a namespace InvoiceHub.Domain.Money would shadow the
// Money type in every sibling namespace.
namespace InvoiceHub.Domain;

/// <summary>An ISO 4217 currency the product supports, with its number of minor digits.</summary>
public sealed class Currency : IEquatable<Currency>
{
    public static readonly Currency EUR = new("EUR", 2, "€");
    public static readonly Currency USD = new("USD", 2, "$");
    public static readonly Currency GBP = new("GBP", 2, "£");
    public static readonly Currency CHF = new("CHF", 2);
    public static readonly Currency SEK = new("SEK", 2);
    public static readonly Currency NOK = new("NOK", 2);
    public static readonly Currency DKK = new("DKK", 2);
    public static readonly Currency PLN = new("PLN", 2);
    public static readonly Currency JPY = new("JPY", 0, "¥");
    public static readonly Currency ISK = new("ISK", 0);

    private static readonly Dictionary<string, Currency> Known =
        new[] { EUR, USD, GBP, CHF, SEK, NOK, DKK, PLN, JPY, ISK }.ToDictionary(c => c.Code, StringComparer.Ordinal);

    private Currency(string code, int minorDigits, string? symbol = null)
    {
        Code = code;
        MinorDigits = minorDigits;
        Symbol = symbol ?? code + "\u00a0";
    }

    public static IReadOnlyCollection<Currency> All => Known.Values;

    /// <summary>Upper-case three-letter ISO 4217 code, e.g. <c>EUR</c>.</summary>
    public string Code { get; }

    /// <summary>What people write before the amount: <c>€</c>, <c>$</c>; the code and a no-break space where no sign is common (<c>CHF 12.50</c>).</summary>
    public string Symbol { get; }

    /// <summary>Digits after the decimal separator: 2 for EUR (cents), 0 for JPY.</summary>
    public int MinorDigits { get; }

    /// <summary>Finds a supported currency by its exact ISO code (upper case).</summary>
    /// <exception cref="DomainException"><c>unknown_currency</c> when the code is not supported.</exception>
    public static Currency FromCode(string? code, string field = "currency")
    {
        if (TryFromCode(code, out var currency))
        {
            return currency;
        }

        throw new DomainException(
            ErrorCodes.UnknownCurrency,
            $"'{code}' is not a supported currency; use one of {string.Join(", ", Known.Keys)}.",
            field);
    }

    public static bool TryFromCode(string? code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Currency? currency)
    {
        currency = null;
        return code is not null && Known.TryGetValue(code, out currency);
    }

    public bool Equals(Currency? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Currency other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;

    public static bool operator ==(Currency? left, Currency? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Currency? left, Currency? right) => !(left == right);
}
