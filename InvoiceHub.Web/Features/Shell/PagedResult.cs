namespace InvoiceHub.Web.Features.Shell;

/// <summary>One page of a server-side paged list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Rows, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int DefaultPageSize = 50;

    public static int ClampPage(int? page) => Math.Max(1, page ?? 1);
}
