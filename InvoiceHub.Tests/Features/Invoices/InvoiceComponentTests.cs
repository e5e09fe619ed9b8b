using Bunit;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Shell;
using MudBlazor;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The invoice page's building blocks, rendered with bunit.</summary>
public sealed class InvoiceComponentTests : ComponentTestContext
{
    private static Money Eur(long minor) => new(minor, Currency.EUR);

    private IRenderedComponent<InvoiceTotals> Totals(long net, long tax, long total, long? paid = null, long? stillToPay = null) =>
        Render<InvoiceTotals>(p => p
            .Add(x => x.Net, Eur(net))
            .Add(x => x.Tax, Eur(tax))
            .Add(x => x.Total, Eur(total))
            .Add(x => x.Paid, paid is { } pd ? (Money?)Eur(pd) : null)
            .Add(x => x.StillToPay, stillToPay is { } st ? (Money?)Eur(st) : null));

    /// <summary>Pay From Credit with a balance of €30.00 on an invoice still owing €100.00; confirmed amounts land in <paramref name="confirmed"/>.</summary>
    private IRenderedComponent<MudDialogProvider> PayFromCredit(List<Money> confirmed, Dictionary<string, string>? errors = null)
    {
        var provider = Render<MudDialogProvider>();
        Render<PayFromCreditDialog>(p => p
            .Add(x => x.Balance, Eur(3_000))
            .Add(x => x.StillToPay, Eur(10_000))
            .Add(x => x.Max, Eur(3_000))
            .Add(x => x.Errors, errors ?? new Dictionary<string, string>())
            .Add(x => x.OnConfirm, (Money m) => confirmed.Add(m)));
        return provider;
    }

    [Fact]
    public void Totals_emphasise_still_to_pay_while_something_is_owed()
    {
        var cut = Totals(10_000, 2_100, 12_100, paid: 2_100, stillToPay: 10_000);

        var still = cut.Find("[data-testid=totals-still-to-pay]");
        Assert.Equal("€100.00", still.TextContent);
        Assert.Equal("true", still.GetAttribute("data-owed"));
        Assert.Contains("mud-error-text", still.ClassList);
        Assert.Equal("€121.00", cut.Find("[data-testid=totals-total]").TextContent);
        Assert.Equal("€21.00", cut.Find("[data-testid=totals-paid]").TextContent);
        Assert.Equal("Still to pay", still.ParentElement!.QuerySelector("th")!.TextContent);
    }

    [Fact]
    public void Totals_stop_emphasising_still_to_pay_once_nothing_is_owed()
    {
        var cut = Totals(500, 0, 500, paid: 500, stillToPay: 0);

        var still = cut.Find("[data-testid=totals-still-to-pay]");
        Assert.Equal("€0.00", still.TextContent);
        Assert.Equal("false", still.GetAttribute("data-owed"));
        Assert.DoesNotContain("mud-error-text", still.ClassList);
    }

    [Fact]
    public void Draft_totals_leave_out_paid_and_still_to_pay()
    {
        var cut = Totals(500, 0, 500);

        Assert.Equal("€5.00", cut.Find("[data-testid=totals-total]").TextContent);
        Assert.DoesNotContain("Still to pay", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=totals-paid]"));
        Assert.Empty(cut.FindAll("[data-testid=totals-still-to-pay]"));
    }

    [Theory]
    [InlineData(InvoiceStatus.Open, true, "active", "mud-chip-color-primary")]
    [InlineData(InvoiceStatus.Open, false, "active", "mud-chip-color-primary")]
    [InlineData(InvoiceStatus.Paid, false, "done", "mud-chip-color-success")]
    [InlineData(InvoiceStatus.Void, false, "neutral", "mud-chip-color-default")]
    [InlineData(InvoiceStatus.Draft, false, "neutral", "mud-chip-color-default")]
    public void Status_chips_colour_the_status_and_add_overdue(InvoiceStatus status, bool overdue, string look, string colour)
    {
        var cut = Render<InvoiceStatusBadges>(p => p
            .Add(x => x.Status, status)
            .Add(x => x.IsOverdue, overdue));

        var chip = cut.Find("[data-testid=invoice-status]");
        Assert.Equal(status.ToString(), chip.TextContent.Trim());
        Assert.Equal(look, chip.GetAttribute("data-status"));
        Assert.Contains(colour, chip.ClassList);
        var overdueChips = cut.FindAll("[data-testid=invoice-overdue]");
        Assert.Equal(overdue ? 1 : 0, overdueChips.Count);
        if (overdue)
        {
            Assert.Equal("Overdue", overdueChips[0].TextContent.Trim());
            Assert.Contains("mud-chip-color-error", overdueChips[0].ClassList);
        }
    }

    [Fact]
    public void Field_error_renders_only_with_a_message()
    {
        Assert.Empty(Render<FieldError>(p => p.Add(x => x.Message, null)).FindAll("[data-testid=field-error]"));
        var error = Render<FieldError>(p => p.Add(x => x.Message, "Enter <an> amount").Add(x => x.Id, "amount-error")).Find("[data-testid=field-error]");
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("amount-error", error.Id);
        Assert.Equal("Enter <an> amount", error.TextContent);
        Assert.Contains("&lt;an&gt;", error.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Pay_from_credit_starts_at_the_most_it_may_take()
    {
        var provider = PayFromCredit([]);

        provider.WaitForAssertion(() => Assert.Equal("30.00", provider.Find("#credit-amount").GetAttribute("value")));
        Assert.Contains("Any amount up to €30.00", provider.Find("[data-testid=pay-from-credit-limits]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Amount (EUR)", provider.Find("label[for=credit-amount]").TextContent);
    }

    [Fact]
    public void Pay_from_credit_refuses_more_than_the_most_next_to_the_field()
    {
        var confirmed = new List<Money>();
        var provider = PayFromCredit(confirmed);

        provider.WaitForElement("#credit-amount").Input("45.00");
        provider.Find("[data-testid=confirm-pay-from-credit]").Click();

        provider.WaitForAssertion(() => Assert.Equal("At most €30.00 can be paid from credit.", provider.Find("#credit-amount-error").TextContent));
        Assert.Equal("true", provider.Find("#credit-amount").GetAttribute("aria-invalid"));
        Assert.Empty(confirmed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5.00")]
    public void Pay_from_credit_refuses_what_is_not_an_amount_above_zero(string typed)
    {
        var confirmed = new List<Money>();
        var provider = PayFromCredit(confirmed);

        provider.WaitForElement("#credit-amount").Input(typed);
        provider.Find("[data-testid=confirm-pay-from-credit]").Click();

        provider.WaitForAssertion(() => Assert.Contains("Enter an amount above zero", provider.Find("#credit-amount-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(confirmed);
    }

    [Fact]
    public void Pay_from_credit_takes_a_partial_amount()
    {
        var confirmed = new List<Money>();
        var provider = PayFromCredit(confirmed);

        provider.WaitForElement("#credit-amount").Input("10.00");
        provider.Find("[data-testid=confirm-pay-from-credit]").Click();

        provider.WaitForAssertion(() => Assert.Equal(Eur(1_000), Assert.Single(confirmed)));
        Assert.Empty(provider.FindAll("#credit-amount-error"));
    }

    [Fact]
    public void Pay_from_credit_shows_the_handlers_refusal_next_to_the_amount()
    {
        var provider = PayFromCredit([], new Dictionary<string, string> { ["amount"] = "The client's balance changed." });

        provider.WaitForAssertion(() => Assert.Equal("The client's balance changed.", provider.Find("#credit-amount-error").TextContent));
    }

    [Fact]
    public void Void_dialog_asks_where_paid_money_goes_when_something_was_paid()
    {
        var provider = Render<MudDialogProvider>();
        Render<VoidInvoiceDialog>(p => p
            .Add(x => x.Number, "INV-2026-00001")
            .Add(x => x.Creditable, Eur(2_500))
            .Add(x => x.AmountPaid, Eur(1_000)));

        provider.WaitForAssertion(() => Assert.Contains("a credit note credits the €25.00", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("€10.00 already paid goes", provider.Markup, StringComparison.Ordinal);
        Assert.Single(provider.FindAll("[data-testid=void-to-balance]"));
        Assert.Single(provider.FindAll("[data-testid=void-to-payer]"));
    }

    [Fact]
    public void Void_dialog_of_an_unpaid_invoice_only_asks_for_a_reason()
    {
        var provider = Render<MudDialogProvider>();
        Render<VoidInvoiceDialog>(p => p
            .Add(x => x.Number, "INV-2026-00002")
            .Add(x => x.Creditable, Eur(2_500))
            .Add(x => x.AmountPaid, Eur(0))
            .Add(x => x.Errors, new Dictionary<string, string> { ["reason"] = "Say why the invoice is voided." }));

        provider.WaitForAssertion(() => Assert.Contains("a credit note credits the €25.00", provider.Markup, StringComparison.Ordinal));
        Assert.Empty(provider.FindAll("[data-testid=void-to-payer]"));
        Assert.Equal("true", provider.Find("#void-reason").GetAttribute("aria-invalid"));
        Assert.Equal("Say why the invoice is voided.", provider.Find("[data-testid=field-error]").TextContent);
    }
}
