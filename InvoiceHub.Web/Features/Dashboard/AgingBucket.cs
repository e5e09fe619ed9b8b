using InvoiceHub.Web.Resources;
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
            new(StaffText.AgingCurrent, a.Current, Color.Default),
            new(StaffText.Aging1To30, a.Days1To30, Color.Warning),
            new(StaffText.Aging31To60, a.Days31To60, Color.Warning),
            new(StaffText.Aging61To90, a.Days61To90, Color.Error),
            new(StaffText.Aging90Plus, a.Over90, Color.Error),
        ];
    }
}
