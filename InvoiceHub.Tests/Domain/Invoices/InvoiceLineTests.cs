using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using static InvoiceHub.Tests.Domain.DomainTestData;

namespace InvoiceHub.Tests.Domain.Invoices;

public class InvoiceLineTests
{
    [Theory]
    [InlineData("1", 1000, "21", 1000, 210, 1210)]
    [InlineData("2.5", 333, "0", 833, 0, 833)] // 832.5 → 833
    [InlineData("0.333", 100, "0", 33, 0, 33)] // 33.3 → 33
    [InlineData("1", 1005, "10", 1005, 101, 1106)] // tax 100.5 → 101
    [InlineData("1", 15, "10", 15, 2, 17)] // tax 1.5 → 2
    [InlineData("3", 0, "21", 0, 0, 0)]
    [InlineData("1", 199, "9.5", 199, 19, 218)] // tax 18.905 → 19
    [InlineData("1.5", 999, "100", 1499, 1499, 2998)] // net 1498.5 → 1499
    public void Line_amounts_are_rounded_half_away_from_zero_per_line(
        string quantity, long unitPrice, string rate, long net, long tax, long total)
    {
        var invoice = Draft(NewClient(), 1);
        var line = invoice.AddLine("Lesson", decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), unitPrice, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(net, line.NetMinor);
        Assert.Equal(tax, line.TaxMinor);
        Assert.Equal(total, line.TotalMinor);
    }

    [Fact]
    public void Invoice_totals_are_sums_of_rounded_lines()
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);
        invoice.AddLine("A", 1m, 15, 10m); // 15 + 2
        invoice.AddLine("B", 1m, 15, 10m); // 15 + 2

        Assert.Equal(30, invoice.NetMinor);
        Assert.Equal(4, invoice.TaxMinor); // not round(3.0) = 3: rounding is per line
        Assert.Equal(Eur(34), invoice.Total);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.0005")]
    [InlineData("1000000.001")]
    public void Quantity_must_be_positive_with_at_most_three_decimals(string quantity)
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);

        var error = Throws(ErrorCodes.InvalidQuantity, () => invoice.AddLine("A", decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), 100, 0m));

        Assert.Equal("quantity", error.Field);
        Assert.Empty(invoice.Lines);
    }

    [Fact]
    public void Unit_price_cannot_be_negative()
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);

        Assert.Equal("unitPrice", Throws(ErrorCodes.InvalidUnitPrice, () => invoice.AddLine("A", 1m, -1, 0m)).Field);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("21.005")]
    public void Tax_rate_must_be_between_0_and_100_with_at_most_two_decimals(string rate)
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);

        var error = Throws(ErrorCodes.InvalidTaxRate, () => invoice.AddLine("A", 1m, 100, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("taxRate", error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Description_is_required(string description)
    {
        var invoice = Invoice.CreateDraft(NewClient(), Today, Now);

        Assert.Equal("description", Throws(ErrorCodes.InvalidDescription, () => invoice.AddLine(description, 1m, 100, 0m)).Field);
    }
}
