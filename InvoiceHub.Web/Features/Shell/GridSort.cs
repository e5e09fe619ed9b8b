using MudBlazor;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>
/// A staff list's sort between its MudDataGrid and its address: a sort key is "key" ascending or "-key" descending, the
/// names the list queries and the CSV exports take.
/// </summary>
public static class GridSort
{
    /// <summary>How the grid column whose sort key is <paramref name="key"/> starts, given the address's <paramref name="sort"/>.</summary>
    public static SortDirection DirectionOf(string? sort, string key) =>
        sort == key ? SortDirection.Ascending : sort == "-" + key ? SortDirection.Descending : SortDirection.None;

    /// <summary>The grid's sort as a sort key: <paramref name="keys"/> maps a column's property to its key; null for no sort.</summary>
    public static string? SortOf<T>(GridState<T> state, IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(keys);
        var order = state.SortDefinitions.FirstOrDefault();
        return order is not null && keys.TryGetValue(order.SortBy, out var key) ? (order.Descending ? "-" + key : key) : null;
    }
}
