using InvoiceHub.Domain;
using InvoiceHub.Web.Features.Invoices;

namespace InvoiceHub.Tests.Features.Invoices;

public sealed class DraftLineInputTests
{
    [Theory]
    [InlineData("1.5", "10.01", "21", 1502, 315)]
    [InlineData("1", "0.05", "50", 5, 3)]
    [InlineData("3", "33.33", "0", 9999, 0)]
    public void Live_totals_round_half_away_from_zero_per_line_like_the_domain(string quantity, string price, string rate, long net, long tax)
    {
        var line = new DraftLineInput { Description = "x", Quantity = quantity, UnitPrice = price, TaxRate = rate };

        Assert.Equal((net, tax, net + tax), line.Totals(Currency.EUR));
    }

    [Fact]
    public void Unparsable_fields_are_reported_by_line_and_field()
    {
        var form = new DraftForm { DueDate = new DateOnly(2026, 12, 1) };
        form.Lines.Add(new DraftLineInput { Description = "ok", Quantity = "1", UnitPrice = "5.00", TaxRate = "0" });
        form.Lines.Add(new DraftLineInput { Description = " ", Quantity = "two", UnitPrice = "5,00", TaxRate = "21" });
        var errors = new Dictionary<string, string>();

        Assert.Null(form.Parse(Currency.EUR, errors));
        Assert.Equal(["lines[1].description", "lines[1].quantity", "lines[1].unitPrice"], errors.Keys.Order().ToArray());
        Assert.Null(form.Lines[1].Totals(Currency.EUR));
    }
}
