using AngleSharp.Dom;
using Bunit;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Dashboard;
using MudBlazor;

namespace InvoiceHub.Tests.Features.Dashboard;

/// <summary>The staff dashboard's charts and aging figures, rendered with bunit.</summary>
public sealed class DashboardComponentTests : ComponentTestContext
{
    private static string Text(IElement element) => System.Net.WebUtility.HtmlDecode(element.TextContent);

    private IRenderedComponent<AmountChart> RenderChart(string title, string testId, string xAxis, string[] labels, long[] amounts, string empty) =>
        Render<AmountChart>(p => p
            .Add(x => x.Title, title)
            .Add(x => x.TestId, testId)
            .Add(x => x.XAxisTitle, xAxis)
            .Add(x => x.Labels, labels)
            .Add(x => x.AmountsMinor, amounts)
            .Add(x => x.Currency, "EUR")
            .Add(x => x.EmptyText, empty));

    [Fact]
    public void Chart_lists_each_label_with_its_amount_for_screen_readers()
    {
        var chart = RenderChart("Cash received", "cash-chart", "Month", ["Nov 2026", "Dec 2026"], [12_345L, 0L], "Nothing yet.");

        var table = chart.Find("[data-testid=cash-chart-table]");
        Assert.Equal("Cash received", Text(table.QuerySelector("caption")!));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => (Text(r.QuerySelector("th")!), Text(r.QuerySelector("td")!))).ToList();
        Assert.Equal([("Nov 2026", "€123.45"), ("Dec 2026", "€0.00")], rows);
        Assert.Empty(chart.FindAll("[data-testid=cash-chart-empty]"));
    }

    [Fact]
    public void Chart_draws_bars_with_money_labels_on_the_axis_and_above_the_bars()
    {
        var chart = RenderChart("Aging", "aging-chart", "Past due", ["Current", "1–30 days"], [50_000L, 2_500L], "Nothing is owed.");

        var drawing = System.Net.WebUtility.HtmlDecode(chart.Find("svg").OuterHtml);
        Assert.Contains("Current", drawing, StringComparison.Ordinal);
        Assert.Contains("1–30 days", drawing, StringComparison.Ordinal);
        // Values above the bars and the Y axis speak money, not bare numbers.
        Assert.Contains("€500.00", drawing, StringComparison.Ordinal);
        Assert.Contains("€25.00", drawing, StringComparison.Ordinal);
        Assert.Contains("Past due", drawing, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_with_nothing_to_show_says_so_instead_of_drawing_empty_bars()
    {
        var chart = RenderChart("Cash received", "cash-chart", "Month", ["Nov 2026", "Dec 2026"], [0L, 0L], "No payments received yet.");

        Assert.Equal("No payments received yet.", Text(chart.Find("[data-testid=cash-chart-empty]")));
        Assert.Empty(chart.FindAll("svg"));
        Assert.Empty(chart.FindAll("table"));
    }

    [Fact]
    public void Aging_buckets_keep_their_order_and_mark_late_money_in_the_themes_warning_and_error_colours()
    {
        var buckets = AgingBucket.Of(new AgingBuckets(100, 200, 300, 400, 500));

        Assert.Equal(["Current", "1–30 days", "31–60 days", "61–90 days", "90+ days"], buckets.Select(b => b.Label));
        Assert.Equal([100L, 200L, 300L, 400L, 500L], buckets.Select(b => b.AmountMinor));
        Assert.Equal([Color.Default, Color.Warning, Color.Warning, Color.Error, Color.Error], buckets.Select(b => b.Color));
    }
}
