using InvoiceHub.Domain.Invoices;

namespace InvoiceHub.Tests.Domain.Invoices;

public class InvoiceNumberTests
{
    [Theory]
    [InlineData(2026, 1, "INV-2026-00001")]
    [InlineData(2026, 42, "INV-2026-00042")]
    [InlineData(2027, 99999, "INV-2027-99999")]
    public void Format_pads_the_sequence_to_five_digits(int year, int sequence, string expected)
    {
        Assert.Equal(expected, InvoiceNumber.Format(year, sequence));
        Assert.True(InvoiceNumber.IsValid(expected));
    }

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(2026, 100000)]
    [InlineData(999, 1)]
    public void Format_refuses_sequences_and_years_out_of_range(int year, int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvoiceNumber.Format(year, sequence));
    }

    [Theory]
    [InlineData("INV-2026-1")]
    [InlineData("inv-2026-00001")]
    [InlineData("INV-2026-00001 ")]
    [InlineData("")]
    [InlineData(null)]
    public void IsValid_refuses_other_shapes(string? number)
    {
        Assert.False(InvoiceNumber.IsValid(number));
    }
}
