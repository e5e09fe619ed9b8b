using Bunit;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Portal;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.AspNetCore.Components;

namespace InvoiceHub.Tests.Features.Portal;

/// <summary>The dashboard's Unpaid Invoices &amp; Credit Requests panel, rendered with bunit.</summary>
public sealed class UnpaidPanelComponentTests : ComponentTestContext, IAsyncLifetime
{
    // MudBlazor's key interceptor only disposes asynchronously: xunit's synchronous Dispose would throw.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly MollieMethodChoice Card = MollieMethods.All.Single(m => m.Method == PaymentMethod.Card);

    private static readonly UnpaidDocument First = new(PayableKind.Invoice, 1, "INV-2026-0001", new DateOnly(2026, 12, 1), 4_100, 4_100, "EUR");
    private static readonly UnpaidDocument Second = new(PayableKind.Invoice, 2, "INV-2026-0002", new DateOnly(2026, 12, 20), 5_000, 2_300, "EUR");
    private static readonly UnpaidDocument Request = new(PayableKind.CreditRequest, 3, "CR-2026-0001", null, 10_000, 10_000, "EUR");

    public UnpaidPanelComponentTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<UnpaidPanel> RenderPanel(bool online, IReadOnlyList<UnpaidDocument> documents, Action<UnpaidPanel.PaySelection>? onPay = null) =>
        Render<UnpaidPanel>(p => p
            .Add(x => x.Documents, documents)
            .Add(x => x.Currency, "EUR")
            .Add(x => x.Today, Today)
            .Add(x => x.OnlinePayment, online)
            .Add(x => x.Methods, [Card])
            .Add(x => x.OnPay, onPay ?? (_ => { })));

    private static string Text(IRenderedComponent<UnpaidPanel> panel) => System.Net.WebUtility.HtmlDecode(panel.Markup);

    [Fact]
    public void While_online_payment_is_on_every_open_document_has_a_green_pay_now_to_its_own_page()
    {
        var panel = RenderPanel(online: true, [First, Request]);

        var payNow = panel.FindAll("[data-testid=pay-now]");
        Assert.Equal(2, payNow.Count);
        Assert.Equal("/portal/invoices/1#pay", payNow[0].GetAttribute("href"));
        Assert.Equal("/portal/credit-requests/3#pay", payNow[1].GetAttribute("href"));
        Assert.All(payNow, a => Assert.Contains("mud-button-filled-success", a.ClassName, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_online_payment_there_is_no_pay_now_and_nothing_to_tick()
    {
        var panel = RenderPanel(online: false, [First, Second]);

        Assert.Equal(2, panel.FindAll("[data-testid=unpaid-row]").Count);
        Assert.Empty(panel.FindAll("[data-testid=pay-now]"));
        Assert.Empty(panel.FindAll("[data-testid=select-document]"));
        Assert.Empty(panel.FindAll("[data-testid=pay-several]"));
    }

    [Fact]
    public void With_nothing_open_the_panel_says_the_client_is_settled()
    {
        var panel = RenderPanel(online: true, []);

        Assert.Contains("you are all settled", panel.Find("[data-testid=unpaid-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=unpaid-row]"));
    }

    [Fact]
    public void Each_row_shows_number_due_date_total_and_still_to_pay_through_the_formatters()
    {
        var row = RenderPanel(online: true, [Second]).Find("[data-number='INV-2026-0002']");

        Assert.Contains("INV-2026-0002", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("20 Dec 2026", row.QuerySelector("[data-testid=unpaid-due]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("€50.00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("€23.00", row.QuerySelector("[data-testid=unpaid-still-to-pay]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_past_its_due_date_is_marked_overdue_and_one_not_yet_due_is_not()
    {
        var panel = RenderPanel(online: true, [First, Second]);

        Assert.Contains("Overdue", panel.Find("[data-number='INV-2026-0001']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", panel.Find("[data-number='INV-2026-0002']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Pay_selected_stays_disabled_until_a_document_is_ticked()
    {
        var panel = RenderPanel(online: true, [First, Second]);

        var paySelected = panel.Find("[data-testid=pay-selected]");
        Assert.True(paySelected.HasAttribute("disabled"));
        Assert.Contains("Pay selected (0)", Text(panel), StringComparison.Ordinal);
    }

    [Fact]
    public void Ticking_two_documents_enables_pay_selected_with_the_sum_of_what_they_still_need()
    {
        var panel = RenderPanel(online: true, [First, Second, Request]);

        panel.Find("[data-number='INV-2026-0001'] input[type=checkbox]").Change(true);
        panel.Find("[data-number='INV-2026-0002'] input[type=checkbox]").Change(true);

        var paySelected = panel.Find("[data-testid=pay-selected]");
        Assert.False(paySelected.HasAttribute("disabled"));
        Assert.Contains("Pay selected (2) · €64.00", System.Net.WebUtility.HtmlDecode(paySelected.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public void Unticking_a_document_takes_it_out_of_the_total()
    {
        var panel = RenderPanel(online: true, [First, Second]);

        panel.Find("[data-number='INV-2026-0001'] input[type=checkbox]").Change(true);
        panel.Find("[data-number='INV-2026-0002'] input[type=checkbox]").Change(true);
        panel.Find("[data-number='INV-2026-0001'] input[type=checkbox]").Change(false);

        Assert.Contains("Pay selected (1) · €23.00", Text(panel), StringComparison.Ordinal);
    }

    [Fact]
    public void Pay_selected_asks_the_page_to_pay_exactly_the_ticked_documents_by_the_chosen_method()
    {
        UnpaidPanel.PaySelection? asked = null;
        var panel = RenderPanel(online: true, [First, Second, Request], s => asked = s);

        panel.Find("[data-number='CR-2026-0001'] input[type=checkbox]").Change(true);
        panel.Find("[data-number='INV-2026-0002'] input[type=checkbox]").Change(true);
        panel.Find("[data-testid=pay-selected]").Click();

        Assert.NotNull(asked);
        Assert.Equal([(PayableKind.Invoice, 2), (PayableKind.CreditRequest, 3)], asked.Documents.OrderBy(d => d.Id).ToList());
        Assert.Equal(Card, asked.Method);
    }

    [Fact]
    public void A_document_with_a_payment_pending_shows_it_instead_of_pay_now_and_cannot_be_ticked()
    {
        var pending = Second with { Pending = new PendingPayment(new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero), 2_300, "EUR") };
        var panel = RenderPanel(online: true, [First, pending]);

        var row = panel.Find("[data-number='INV-2026-0002']");
        Assert.Null(row.QuerySelector("[data-testid=pay-now]"));
        Assert.Contains("Payment pending since 2 Dec 2026 09:30 UTC", row.QuerySelector("[data-testid=payment-pending]")!.TextContent, StringComparison.Ordinal);
        Assert.True(row.QuerySelector("input[type=checkbox]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void With_a_single_open_document_there_is_nothing_to_pay_together()
    {
        var panel = RenderPanel(online: true, [First]);

        Assert.Single(panel.FindAll("[data-testid=pay-now]"));
        Assert.Empty(panel.FindAll("[data-testid=pay-several]"));
    }
}
