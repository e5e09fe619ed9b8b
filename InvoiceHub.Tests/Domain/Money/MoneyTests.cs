using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using static InvoiceHub.Tests.Domain.DomainTestData;

// Same namespace as production: a namespace ending in .Money would hide the Money type.
namespace InvoiceHub.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("12.50", 1250)]
    [InlineData("12.5", 1250)]
    [InlineData("12", 1200)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    [InlineData("-0.05", -5)]
    [InlineData("-12.34", -1234)]
    [InlineData("-0", 0)]
    [InlineData("007.10", 710)]
    [InlineData("92233720368547758.07", long.MaxValue)]
    public void Parse_reads_api_amounts_in_cents(string text, long minor)
    {
        Assert.Equal(Eur(minor), InvoiceHub.Domain.Money.Parse(text, Currency.EUR));
    }

    [Theory]
    [InlineData("1250", 1250)]
    [InlineData("-3", -3)]
    public void Parse_reads_zero_digit_currencies_in_whole_units(string text, long minor)
    {
        Assert.Equal(new InvoiceHub.Domain.Money(minor, Currency.JPY), InvoiceHub.Domain.Money.Parse(text, Currency.JPY));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    [InlineData("12.505")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1,000.00")]
    [InlineData("1 000")]
    [InlineData(" 12.50")]
    [InlineData("12.50 ")]
    [InlineData("+12.50")]
    [InlineData("12,50")]
    [InlineData("12.")]
    [InlineData(".50")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1-")]
    [InlineData("12.5.0")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("١٢")]
    [InlineData("92233720368547758.08")]
    [InlineData("99999999999999999999")]
    public void Parse_rejects_anything_but_a_plain_decimal(string? text)
    {
        var error = Throws(ErrorCodes.InvalidAmount, () => InvoiceHub.Domain.Money.Parse(text, Currency.EUR));

        Assert.Equal("amount", error.Field);
        Assert.False(InvoiceHub.Domain.Money.TryParse(text, Currency.EUR, out _));
    }

    [Fact]
    public void Parse_rejects_decimals_in_a_currency_without_minor_units()
    {
        Throws(ErrorCodes.InvalidAmount, () => InvoiceHub.Domain.Money.Parse("12.0", Currency.JPY, "value"));
    }

    [Fact]
    public void Parse_error_names_the_field_it_was_given()
    {
        var error = Throws(ErrorCodes.InvalidAmount, () => InvoiceHub.Domain.Money.Parse("abc", Currency.EUR, "unitPrice"));

        Assert.Equal("unitPrice", error.Field);
    }

    [Theory]
    [InlineData(1250, "12.50")]
    [InlineData(5, "0.05")]
    [InlineData(-5, "-0.05")]
    [InlineData(0, "0.00")]
    [InlineData(-1234, "-12.34")]
    [InlineData(100, "1.00")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void ToDecimalString_always_has_the_currency_digits(long minor, string expected)
    {
        Assert.Equal(expected, Eur(minor).ToDecimalString());
    }

    [Theory]
    [InlineData(1250, "1250")]
    [InlineData(-7, "-7")]
    [InlineData(0, "0")]
    public void ToDecimalString_has_no_separator_for_zero_digit_currencies(long minor, string expected)
    {
        Assert.Equal(expected, new InvoiceHub.Domain.Money(minor, Currency.ISK).ToDecimalString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(123456789)]
    [InlineData(-99)]
    public void Format_then_parse_gives_the_same_amount(long minor)
    {
        Assert.Equal(Eur(minor), InvoiceHub.Domain.Money.Parse(Eur(minor).ToDecimalString(), Currency.EUR));
    }

    [Fact]
    public void Arithmetic_and_comparison_work_within_a_currency()
    {
        Assert.Equal(Eur(350), Eur(100) + Eur(250));
        Assert.Equal(Eur(-150), Eur(100) - Eur(250));
        Assert.Equal(Eur(-100), -Eur(100));
        Assert.True(Eur(100) < Eur(101));
        Assert.True(Eur(101) > Eur(100));
        Assert.True(Eur(100) <= Eur(100));
        Assert.True(Eur(100) >= Eur(100));
        Assert.Equal(Eur(100), InvoiceHub.Domain.Money.Min(Eur(100), Eur(250)));
        Assert.Equal(Eur(250), InvoiceHub.Domain.Money.Max(Eur(100), Eur(250)));
        Assert.Equal(Eur(0), InvoiceHub.Domain.Money.Zero(Currency.EUR));
        Assert.True(InvoiceHub.Domain.Money.Zero(Currency.EUR).IsZero);
    }

    [Fact]
    public void Mixing_currencies_is_refused()
    {
        var usd = new InvoiceHub.Domain.Money(100, Currency.USD);

        Throws(ErrorCodes.CurrencyMismatch, () => _ = Eur(100) + usd);
        Throws(ErrorCodes.CurrencyMismatch, () => _ = Eur(100) - usd);
        Throws(ErrorCodes.CurrencyMismatch, () => _ = Eur(100) < usd);
        Throws(ErrorCodes.CurrencyMismatch, () => _ = Eur(100).CompareTo(usd));
        Throws(ErrorCodes.CurrencyMismatch, () => InvoiceHub.Domain.Money.Min(Eur(100), usd));
        Assert.NotEqual(Eur(100), usd);
    }

    [Fact]
    public void Overflow_is_refused_instead_of_wrapping()
    {
        Throws(ErrorCodes.AmountOutOfRange, () => _ = Eur(long.MaxValue) + Eur(1));
        Throws(ErrorCodes.AmountOutOfRange, () => _ = Eur(long.MinValue) - Eur(1));
        Throws(ErrorCodes.AmountOutOfRange, () => _ = -Eur(long.MinValue));
    }

    [Fact]
    public void ToString_shows_amount_and_code()
    {
        Assert.Equal("€12.50", Eur(1250).ToString());
    }
}
