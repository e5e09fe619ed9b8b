using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>
/// What the staff document lists (invoices, credit requests) share: the list follows its address
/// (<see cref="DocumentListAddress"/>) and the address follows the list. An address the page did not write itself (a
/// link, Back, the sidebar) draws the grid anew; the grid's own sort and page replace the address without a history entry;
/// the filters add one.
/// </summary>
public abstract class DocumentListPage<TRow> : ComponentBase
{
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery] protected string? Q { get; set; }
    [SupplyParameterFromQuery] protected string? Status { get; set; }
    [SupplyParameterFromQuery] protected bool Overdue { get; set; }
    [SupplyParameterFromQuery] protected string? From { get; set; }
    [SupplyParameterFromQuery] protected string? To { get; set; }
    [SupplyParameterFromQuery] protected string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] protected int? PageNumber { get; set; }

    /// <summary>What the list shows; the address follows it.</summary>
    protected DocumentListAddress Shown { get; private set; } = DocumentListAddress.Empty;

    /// <summary>The address the grid was drawn from: its first page and sort. A new one draws a new grid.</summary>
    protected DocumentListAddress Initial { get; private set; } = DocumentListAddress.Empty;

    /// <summary>The grid's <c>@key</c>: a new value draws a new grid.</summary>
    protected int Generation { get; private set; }

    protected DateOnly Today { get; private set; }

    /// <summary>The statuses the filter offers, spelled as the address spells them.</summary>
    protected abstract IReadOnlyList<string> StatusNames { get; }

    /// <summary>The grid's sortable columns and the list query's sort keys.</summary>
    protected abstract IReadOnlyDictionary<string, string> SortKeys { get; }

    /// <summary>The CSV export's path; it takes the list's address without its page.</summary>
    protected abstract string ExportPath { get; }

    protected string ExportHref => Navigation.GetUriWithQueryParameters(ExportPath, Shown.Parameters(withPage: false));

    /// <summary>One page of the list as <paramref name="address"/> describes it.</summary>
    protected abstract Task<PagedResult<TRow>> QueryAsync(DocumentListAddress address, int pageSize, CancellationToken cancellationToken);

    protected override void OnInitialized() => Today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void OnParametersSet()
    {
        var address = DocumentListAddress.Read(Q, Status, Overdue, From, To, Sort, PageNumber, StatusNames);
        if (address != Shown)
        {
            Redraw(address);
        }
    }

    /// <summary>The grid's <c>ServerData</c>.</summary>
    protected async Task<GridData<TRow>> LoadAsync(GridState<TRow> state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var shown = Shown with { Sort = GridSort.SortOf(state, SortKeys), Page = state.Page + 1 };
        var result = await QueryAsync(shown, state.PageSize, cancellationToken);
        if (shown != Shown && RendererInfo.IsInteractive)
        {
            Shown = shown;
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(shown.Parameters()), replace: true);
        }
        return new GridData<TRow> { Items = result.Rows, TotalItems = result.TotalCount };
    }

    /// <summary>The filters' Filter and Clear: a new list, and a history entry for it.</summary>
    protected void Apply(DocumentListAddress address)
    {
        Redraw(address);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(address.Parameters()));
    }

    private void Redraw(DocumentListAddress address)
    {
        Shown = Initial = address;
        Generation++;
    }
}
