using MudBlazor;

namespace InvoiceHub.Web.Features.Shell;

/// <summary>
/// What a staff document list (invoices, credit requests) shows, as its address carries it: <c>q</c>, <c>status</c>,
/// <c>overdue</c>, <c>from</c>, <c>to</c>, <c>sort</c> and <c>page</c>. A filtered, sorted page can then be shared,
/// reloaded and linked to (the dashboard's aging links), and the CSV export takes the same names.
/// Empty values are absent, so that two addresses that show the same list compare equal.
/// </summary>
public sealed record DocumentListAddress(string? Q, string? Status, bool Overdue, string? From, string? To, string? Sort, int Page = 1)
{
    public static readonly DocumentListAddress Empty = new(null, null, false, null, null, null);

    /// <summary>The address's values as read from its query string; a status is spelled as <paramref name="statuses"/> spell it.</summary>
    public static DocumentListAddress Read(string? q, string? status, bool overdue, string? from, string? to, string? sort, int? page,
        IReadOnlyList<string> statuses) =>
        new(Blank(q), statuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase)), overdue,
            Blank(from), Blank(to), Blank(sort), Paging.ClampPage(page));

    /// <summary>The filters a person chose, on the first page and in the current order.</summary>
    public DocumentListAddress Filtered(string? q, string? status, bool overdue, string? from, string? to) =>
        this with { Q = Blank(q), Status = Blank(status), Overdue = overdue, From = Blank(from), To = Blank(to), Page = 1 };

    /// <summary>Whether any filter narrows the list (the sort and page do not).</summary>
    public bool IsFiltered => Q is not null || Status is not null || Overdue || From is not null || To is not null;

    public bool DatesAreValid => ListDates.TryParse(From, out _) && ListDates.TryParse(To, out _);

    public DateOnly? DueFrom => ListDates.TryParse(From, out var date) ? date : null;

    public DateOnly? DueTo => ListDates.TryParse(To, out var date) ? date : null;

    /// <summary>The query string's parameters; null removes one. The export takes them without the page.</summary>
    public IReadOnlyDictionary<string, object?> Parameters(bool withPage = true) => new Dictionary<string, object?>
    {
        ["q"] = Q,
        ["status"] = Status,
        ["overdue"] = Overdue ? "true" : null,
        ["from"] = From,
        ["to"] = To,
        ["sort"] = Sort,
        ["page"] = withPage && Page > 1 ? Page : null,
    };

    /// <summary>How a grid column whose sort key is <paramref name="key"/> starts (<see cref="GridSort"/>).</summary>
    public SortDirection DirectionOf(string key) => GridSort.DirectionOf(Sort, key);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
