using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Shell;
using Microsoft.AspNetCore.Components;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The invoice page's building blocks, rendered with bunit.</summary>
public sealed class InvoiceComponentTests : ComponentTestContext
{
    private static string Text(string markup) => System.Net.WebUtility.HtmlDecode(markup);

    private static Money Eur(long minor) => new(minor, Currency.EUR);

    [Fact]
    public void Totals_show_paid_and_still_to_pay_in_red_while_something_is_owed()
    {
        var html = Text(Render<InvoiceTotals>(p => p
            .Add(x => x.Net, Eur(10_000))
            .Add(x => x.Tax, Eur(2_100))
            .Add(x => x.Total, Eur(12_100))
            .Add(x => x.Paid, (Money?)Eur(2_100))
            .Add(x => x.StillToPay, (Money?)Eur(10_000))).Markup);

        Assert.Contains("Still to pay", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"totals-still-to-pay\">€100.00<", html);
        Assert.Matches("class=\"col-5 text-end fw-bold text-danger\" data-testid=\"totals-still-to-pay\"", html);
        Assert.Matches("data-testid=\"totals-total\">€121.00<", html);
        Assert.Matches("data-testid=\"totals-paid\">€21.00<", html);
    }

    [Fact]
    public void Draft_totals_leave_out_paid_and_still_to_pay()
    {
        var html = Text(Render<InvoiceTotals>(p => p
            .Add(x => x.Net, Eur(500))
            .Add(x => x.Tax, Eur(0))
            .Add(x => x.Total, Eur(500))).Markup);

        Assert.Contains("€5.00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Still to pay", html, StringComparison.Ordinal);
        Assert.DoesNotContain("totals-paid", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvoiceStatus.Open, true, "text-bg-primary", true)]
    [InlineData(InvoiceStatus.Open, false, "text-bg-primary", false)]
    [InlineData(InvoiceStatus.Paid, false, "text-bg-success", false)]
    [InlineData(InvoiceStatus.Void, false, "text-bg-secondary", false)]
    public void Status_badges_colour_the_status_and_add_overdue(InvoiceStatus status, bool overdue, string badge, bool showsOverdue)
    {
        var html = Render<InvoiceStatusBadges>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.IsOverdue, overdue)).Markup;

        Assert.Contains($"class=\"badge {badge}\" data-testid=\"invoice-status\">{status}<", html, StringComparison.Ordinal);
        Assert.Equal(showsOverdue, html.Contains(">Overdue<", StringComparison.Ordinal));
    }

    [Fact]
    public void Field_error_renders_only_with_a_message()
    {
        Assert.Equal("", Render<FieldError>(p => p.Add(x => x.Message, null)).Markup.Trim());
        var html = Render<FieldError>(p => p.Add(x => x.Message, "Enter <an> amount")).Markup;
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter &lt;an&gt; amount", html, StringComparison.Ordinal);
    }
}
