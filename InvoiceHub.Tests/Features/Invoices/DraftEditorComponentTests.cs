using Bunit;
using InvoiceHub.Domain;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.AspNetCore.Components;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The draft editor: live totals as lines are typed, added and removed; refusals next to their fields.</summary>
public sealed class DraftEditorComponentTests : ComponentTestContext
{
    public DraftEditorComponentTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private static DraftForm Form(params (string Quantity, string Price, string Tax)[] lines)
    {
        var form = new DraftForm { DueDate = new DateOnly(2026, 12, 17) };
        foreach (var (quantity, price, tax) in lines)
        {
            form.Lines.Add(new DraftLineInput { Description = "Lesson", Quantity = quantity, UnitPrice = price, TaxRate = tax });
        }
        return form;
    }

    private static string Total(IRenderedComponent<DraftEditor> cut) => cut.Find("[data-testid=totals-total]").TextContent;

    [Fact]
    public void Typing_a_quantity_updates_the_line_total_and_the_totals()
    {
        var cut = Render<DraftEditor>(p => p.Add(x => x.Form, Form(("1", "10.01", "21"))).Add(x => x.Currency, Currency.EUR));
        Assert.Equal("€12.11", cut.Find("[data-testid=line-total]").TextContent);

        cut.Find("#line-0-quantity").Input("1.5");

        // 1.5 × 10.01 = 15.015 → 15.02; 21% of 15.02 = 3.1542 → 3.15, per line.
        cut.WaitForAssertion(() => Assert.Equal("€18.17", cut.Find("[data-testid=line-total]").TextContent));
        Assert.Equal("€3.15", cut.Find("[data-testid=totals-tax]").TextContent);
        Assert.Equal("€18.17", Total(cut));
    }

    [Fact]
    public void Adding_and_removing_lines_updates_the_totals()
    {
        var cut = Render<DraftEditor>(p => p.Add(x => x.Form, Form(("2", "10.00", "0"))).Add(x => x.Currency, Currency.EUR));
        Assert.Equal("€20.00", Total(cut));

        cut.Find("[data-testid=add-line]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=draft-line]").Count));
        cut.Find("#line-1-price").Input("5.00");
        cut.WaitForAssertion(() => Assert.Equal("€25.00", Total(cut)));

        cut.Find("button[aria-label='Remove line 1']").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=draft-line]")));
        Assert.Equal("€5.00", Total(cut));
    }

    [Fact]
    public void A_line_that_is_not_a_number_shows_a_dash_and_counts_for_nothing()
    {
        var cut = Render<DraftEditor>(p => p.Add(x => x.Form, Form(("2", "10.00", "0"), ("x", "3.00", "0"))).Add(x => x.Currency, Currency.EUR));

        var totals = cut.FindAll("[data-testid=line-total]");
        Assert.Equal("€20.00", totals[0].TextContent);
        Assert.Equal("—", totals[1].TextContent);
        Assert.Equal("€20.00", Total(cut));
    }

    [Fact]
    public void Refusals_show_next_to_the_field_they_name()
    {
        var form = Form(("1", "10.00", "0"), ("x", "abc", "0"));
        var errors = new Dictionary<string, string>();
        Assert.Null(form.Parse(Currency.EUR, errors));

        var cut = Render<DraftEditor>(p => p.Add(x => x.Form, form).Add(x => x.Currency, Currency.EUR).Add(x => x.Errors, errors));

        var quantity = cut.Find("#line-1-quantity");
        Assert.Equal("true", quantity.GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("#line-0-quantity").GetAttribute("aria-invalid"));
        var quantityCell = quantity.Closest(".mud-grid-item")!;
        Assert.Equal("Enter a number, for example 1 or 2.5.", quantityCell.QuerySelector("[data-testid=field-error]")!.TextContent);
        var priceCell = cut.Find("#line-1-price").Closest(".mud-grid-item")!;
        Assert.Equal("Enter a price, for example 45.00.", priceCell.QuerySelector("[data-testid=field-error]")!.TextContent);
        Assert.Null(cut.Find("#line-0-quantity").Closest(".mud-grid-item")!.QuerySelector("[data-testid=field-error]"));
    }

    [Fact]
    public void Labels_name_each_field_with_its_line_and_currency()
    {
        var cut = Render<DraftEditor>(p => p.Add(x => x.Form, Form(("1", "10.00", "0"))).Add(x => x.Currency, Currency.FromCode("USD")));

        Assert.Equal("Unit price 1 (USD)", cut.Find("label[for=line-0-price]").TextContent);
        Assert.Equal("Quantity 1", cut.Find("label[for=line-0-quantity]").TextContent);
        Assert.Equal("$10.00", Total(cut));
    }
}
