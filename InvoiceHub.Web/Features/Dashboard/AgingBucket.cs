using MudBlazor;

namespace InvoiceHub.Web.Features.Dashboard;

/// <summary>One column of the receivables aging: its label, amount and the theme colour that says how late it is.</summary>
public sealed record AgingBucket(string Label, long AmountMinor, Color Color)
{
    // Warning and Error are the theme's dark amber and red, which keep 4.5:1 contrast on the page in both themes (AppTheme).
    public static IReadOnlyList<AgingBucket> Of(AgingBuckets a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return
        [
            new("Current", a.Current, Color.Default),
            new("1–30 days", a.Days1To30, Color.Warning),
            new("31–60 days", a.Days31To60, Color.Warning),
            new("61–90 days", a.Days61To90, Color.Error),
            new("90+ days", a.Over90, Color.Error),
        ];
    }
}
