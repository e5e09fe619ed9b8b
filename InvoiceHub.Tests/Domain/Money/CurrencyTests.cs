using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain;

public class CurrencyTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("GBP", 2)]
    [InlineData("CHF", 2)]
    [InlineData("SEK", 2)]
    [InlineData("NOK", 2)]
    [InlineData("DKK", 2)]
    [InlineData("PLN", 2)]
    [InlineData("JPY", 0)]
    [InlineData("ISK", 0)]
    public void Known_currencies_have_their_minor_digits(string code, int digits)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(code, currency.Code);
        Assert.Equal(digits, currency.MinorDigits);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("eur")]
    [InlineData("")]
    [InlineData(" EUR")]
    [InlineData(null)]
    public void Unknown_code_is_refused_with_unknown_currency(string? code)
    {
        var error = Throws(ErrorCodes.UnknownCurrency, () => Currency.FromCode(code));

        Assert.Equal("currency", error.Field);
        Assert.False(Currency.TryFromCode(code, out _));
    }

    [Fact]
    public void Currencies_are_equal_by_code()
    {
        Assert.Equal(Currency.EUR, Currency.FromCode("EUR"));
        Assert.True(Currency.EUR == Currency.FromCode("EUR"));
        Assert.True(Currency.EUR != Currency.USD);
        Assert.Equal(10, Currency.All.Count);
    }
}
