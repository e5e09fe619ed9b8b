using InvoiceHub.Domain;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Shell;
using Microsoft.AspNetCore.Components;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The invoice page's building blocks rendered to HTML with the framework's HtmlRenderer (bunit is not available).</summary>
public sealed class InvoiceComponentTests : IAsyncDisposable
{
    private readonly ComponentRenderer _renderer = new();

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();

    private Task<string> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent => _renderer.RenderAsync<T>(parameters);

    /// <summary>The renderer writes non-ASCII characters as entities (€ as &amp;#x20AC;); amounts are compared as people read them.</summary>
    private async Task<string> RenderTextAsync<T>(Dictionary<string, object?> parameters) where T : IComponent =>
        System.Net.WebUtility.HtmlDecode(await RenderAsync<T>(parameters));

    private static Money Eur(long minor) => new(minor, Currency.EUR);

    [Fact]
    public async Task Totals_show_paid_and_still_to_pay_in_red_while_something_is_owed()
    {
        var html = await RenderTextAsync<InvoiceTotals>(new()
        {
            [nameof(InvoiceTotals.Net)] = Eur(10_000),
            [nameof(InvoiceTotals.Tax)] = Eur(2_100),
            [nameof(InvoiceTotals.Total)] = Eur(12_100),
            [nameof(InvoiceTotals.Paid)] = (Money?)Eur(2_100),
            [nameof(InvoiceTotals.StillToPay)] = (Money?)Eur(10_000),
        });

        Assert.Contains("Still to pay", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"totals-still-to-pay\">€100.00<", html);
        Assert.Matches("class=\"col-5 text-end fw-bold text-danger\" data-testid=\"totals-still-to-pay\"", html);
        Assert.Matches("data-testid=\"totals-total\">€121.00<", html);
        Assert.Matches("data-testid=\"totals-paid\">€21.00<", html);
    }

    [Fact]
    public async Task Draft_totals_leave_out_paid_and_still_to_pay()
    {
        var html = await RenderTextAsync<InvoiceTotals>(new()
        {
            [nameof(InvoiceTotals.Net)] = Eur(500),
            [nameof(InvoiceTotals.Tax)] = Eur(0),
            [nameof(InvoiceTotals.Total)] = Eur(500),
        });

        Assert.Contains("€5.00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Still to pay", html, StringComparison.Ordinal);
        Assert.DoesNotContain("totals-paid", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InvoiceStatus.Open, true, "text-bg-primary", true)]
    [InlineData(InvoiceStatus.Open, false, "text-bg-primary", false)]
    [InlineData(InvoiceStatus.Paid, false, "text-bg-success", false)]
    [InlineData(InvoiceStatus.Void, false, "text-bg-secondary", false)]
    public async Task Status_badges_colour_the_status_and_add_overdue(InvoiceStatus status, bool overdue, string badge, bool showsOverdue)
    {
        var html = await RenderAsync<InvoiceStatusBadges>(new()
        {
            [nameof(InvoiceStatusBadges.Status)] = status,
            [nameof(InvoiceStatusBadges.IsOverdue)] = overdue,
        });

        Assert.Contains($"class=\"badge {badge}\" data-testid=\"invoice-status\">{status}<", html, StringComparison.Ordinal);
        Assert.Equal(showsOverdue, html.Contains(">Overdue<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Field_error_renders_only_with_a_message()
    {
        Assert.Equal("", (await RenderAsync<FieldError>(new() { [nameof(FieldError.Message)] = null })).Trim());
        var html = await RenderAsync<FieldError>(new() { [nameof(FieldError.Message)] = "Enter <an> amount" });
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter &lt;an&gt; amount", html, StringComparison.Ordinal);
    }
}
