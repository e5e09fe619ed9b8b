using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain;

/// <summary>
/// An amount in a currency's minor units (cents). Arithmetic and comparison refuse to mix currencies;
/// there is no floating point anywhere.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public Money(long minor, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        Minor = minor;
        Currency = currency;
    }

    public long Minor { get; }

    public Currency Currency { get; }

    public bool IsZero => Minor == 0;

    public bool IsPositive => Minor > 0;

    public bool IsNegative => Minor < 0;

    public static Money Zero(Currency currency) => new(0, currency);

    public static Money Min(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return left.Minor <= right.Minor ? left : right;
    }

    public static Money Max(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return left.Minor >= right.Minor ? left : right;
    }

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(Checked(() => checked(left.Minor + right.Minor)), left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(Checked(() => checked(left.Minor - right.Minor)), left.Currency);
    }

    public static Money operator -(Money value) => new(Checked(() => checked(-value.Minor)), value.Currency);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public int CompareTo(Money other)
    {
        EnsureSameCurrency(this, other);
        return Minor.CompareTo(other.Minor);
    }

    /// <summary>
    /// Parses the decimal strings of the API (<c>"12.50"</c>): an optional leading '-', digits, and
    /// optionally '.' with one up to <see cref="Currency.MinorDigits"/> digits. No exponent, sign '+',
    /// thousands separator, white space or extra decimals.
    /// </summary>
    /// <exception cref="DomainException"><c>invalid_amount</c> naming <paramref name="field"/>.</exception>
    public static Money Parse(string? value, Currency currency, string field = "amount")
    {
        if (TryParse(value, currency, out var money))
        {
            return money;
        }

        var example = currency.MinorDigits == 0 ? "1250" : "12." + new string('5', currency.MinorDigits);
        throw new DomainException(
            ErrorCodes.InvalidAmount,
            $"'{value}' is not a valid {currency.Code} amount; write it like {example} " +
            $"(at most {currency.MinorDigits} decimals, '.' as separator, no thousands separators).",
            field);
    }

    public static bool TryParse(string? value, Currency currency, out Money money)
    {
        ArgumentNullException.ThrowIfNull(currency);
        money = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var negative = value[0] == '-';
        var position = negative ? 1 : 0;
        var integerStart = position;
        while (position < value.Length && IsAsciiDigit(value[position]))
        {
            position++;
        }

        if (position == integerStart)
        {
            return false;
        }

        var integerPart = value.AsSpan(integerStart, position - integerStart);
        var fraction = ReadOnlySpan<char>.Empty;
        if (position < value.Length)
        {
            if (value[position] != '.')
            {
                return false;
            }

            var fractionStart = ++position;
            while (position < value.Length && IsAsciiDigit(value[position]))
            {
                position++;
            }

            fraction = value.AsSpan(fractionStart, position - fractionStart);
            if (position != value.Length || fraction.IsEmpty || fraction.Length > currency.MinorDigits)
            {
                return false;
            }
        }

        if (!TryAccumulate(integerPart, fraction, currency.MinorDigits, out var magnitude))
        {
            return false;
        }

        money = new Money(negative ? -magnitude : magnitude, currency);
        return true;
    }

    /// <summary>The amount with exactly the currency's digits, '.' as separator: <c>-0.05</c>, <c>1250</c>.</summary>
    public string ToDecimalString()
    {
        var digits = Currency.MinorDigits;
        // Through ulong so that long.MinValue has a magnitude too.
        var magnitude = Minor < 0 ? (ulong)(-(Minor + 1)) + 1 : (ulong)Minor;
        var text = magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var sign = Minor < 0 ? "-" : string.Empty;
        return digits == 0 ? sign + text : $"{sign}{text[..^digits]}.{text[^digits..]}";
    }

    /// <summary>
    /// The amount as people read it, in <paramref name="culture"/> (the current culture when null): <c>€1,250.00</c>,
    /// <c>¥1,250</c>, <c>CHF 12.50</c>. Screens, emails and PDFs all write money this way; files and APIs use
    /// <see cref="ToDecimalString"/>.
    /// </summary>
    public string ToDisplayString(CultureInfo? culture = null)
    {
        var currency = Currency ?? Currency.EUR;
        var format = DisplayFormats.GetOrAdd((culture ?? CultureInfo.CurrentCulture, currency), static key =>
        {
            var format = (NumberFormatInfo)key.Culture.NumberFormat.Clone();
            format.CurrencySymbol = key.Currency.Symbol;
            format.CurrencyDecimalDigits = key.Currency.MinorDigits;
            // A minus sign in front, not accounting brackets, with the symbol where the culture puts it: "-€5.00",
            // "-€ 5,00" (nl-NL), "-5,00 €" (es-ES) read the same on a screen, in an email and on a PDF.
            format.CurrencyNegativePattern = format.CurrencyPositivePattern switch
            {
                1 => 5,
                2 => 9,
                3 => 8,
                _ => 1,
            };
            return NumberFormatInfo.ReadOnly(format);
        });
        return (Minor / MinorUnitsPerUnit(currency.MinorDigits)).ToString("C", format);
    }

    public override string ToString() => ToDisplayString();

    // One read-only format per culture and currency: a page formats dozens of amounts per render.
    private static readonly ConcurrentDictionary<(CultureInfo Culture, Currency Currency), NumberFormatInfo> DisplayFormats = new();

    private static decimal MinorUnitsPerUnit(int digits)
    {
        var units = 1m;
        for (var i = 0; i < digits; i++)
        {
            units *= 10;
        }
        return units;
    }

    private static bool TryAccumulate(ReadOnlySpan<char> integerPart, ReadOnlySpan<char> fraction, int minorDigits, out long result)
    {
        result = 0;
        try
        {
            foreach (var c in integerPart)
            {
                result = checked((result * 10) + (c - '0'));
            }

            for (var i = 0; i < minorDigits; i++)
            {
                var digit = i < fraction.Length ? fraction[i] - '0' : 0;
                result = checked((result * 10) + digit);
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new DomainException(
                ErrorCodes.CurrencyMismatch,
                $"Cannot combine {left.Currency?.Code} and {right.Currency?.Code} amounts; use one currency.");
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "Only OverflowException is caught.")]
    private static long Checked(Func<long> operation)
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw new DomainException(ErrorCodes.AmountOutOfRange, "The amount is too large to be handled.");
        }
    }
}
