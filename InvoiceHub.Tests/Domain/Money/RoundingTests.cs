using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain;

public class RoundingTests
{
    [Theory]
    [InlineData("2.5", 3)]
    [InlineData("-2.5", -3)]
    [InlineData("0.5", 1)]
    [InlineData("-0.5", -1)]
    [InlineData("1.5", 2)]
    [InlineData("-1.5", -2)]
    [InlineData("2.4999", 2)]
    [InlineData("-2.4999", -2)]
    [InlineData("2.5001", 3)]
    [InlineData("-2.5001", -3)]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    public void HalfAwayFromZero_rounds_ties_away_from_zero_on_both_sides(string value, long expected)
    {
        Assert.Equal(expected, Rounding.HalfAwayFromZero(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void HalfAwayFromZero_refuses_values_beyond_a_long()
    {
        Throws(ErrorCodes.AmountOutOfRange, () => Rounding.HalfAwayFromZero(decimal.MaxValue));
    }
}
