using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

public sealed record CreditRequestListRow(int Id, int ClientId, string ClientName, string Description, CreditRequestStatus Status, DateOnly? DueDate, DateTimeOffset CreatedAt, long AmountMinor, string Currency);

public sealed record CreditRequestListFilter(string? Search, CreditRequestStatus? Status, bool OverdueOnly, DateOnly? DueFrom, DateOnly? DueTo, string? Sort, int Page, int PageSize = Paging.DefaultPageSize);

/// <summary>The staff credit request list: filtered, sorted and paged in the database, projected to the columns shown.</summary>
public sealed class CreditRequestListQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<PagedResult<CreditRequestListRow>> RunAsync(CreditRequestListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = from r in db.CreditRequests.AsNoTracking()
                   join c in db.Clients.AsNoTracking() on r.ClientId equals c.Id
                   select new { Request = r, ClientName = c.Name };

        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Request.Status == status);
        }
        if (filter.OverdueOnly)
        {
            rows = rows.Where(r => r.Request.Status == CreditRequestStatus.Open && r.Request.DueDate != null && r.Request.DueDate < today);
        }
        if (filter.DueFrom is { } from)
        {
            rows = rows.Where(r => r.Request.DueDate >= from);
        }
        if (filter.DueTo is { } to)
        {
            rows = rows.Where(r => r.Request.DueDate <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Lower-cased on both sides: SQLite's instr and PostgreSQL's strpos are case-sensitive.
            var term = filter.Search.Trim().ToLowerInvariant();
            var id = int.TryParse(term.StartsWith("cr-", StringComparison.Ordinal) ? term[3..] : term, out var n) ? n : 0;
            rows = rows.Where(r => r.ClientName.ToLower().Contains(term) || r.Request.Description.ToLower().Contains(term) || r.Request.Id == id);
        }

        rows = filter.Sort switch
        {
            "due" => rows.OrderBy(r => r.Request.DueDate).ThenBy(r => r.Request.Id),
            "-due" => rows.OrderByDescending(r => r.Request.DueDate).ThenByDescending(r => r.Request.Id),
            "amount" => rows.OrderBy(r => r.Request.AmountMinor).ThenBy(r => r.Request.Id),
            "-amount" => rows.OrderByDescending(r => r.Request.AmountMinor).ThenByDescending(r => r.Request.Id),
            "client" => rows.OrderBy(r => r.ClientName).ThenBy(r => r.Request.Id),
            "-client" => rows.OrderByDescending(r => r.ClientName).ThenByDescending(r => r.Request.Id),
            "id" => rows.OrderBy(r => r.Request.Id),
            _ => rows.OrderByDescending(r => r.Request.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var page = Math.Min(Paging.ClampPage(filter.Page), Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        var items = await rows.Skip((page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(r => new CreditRequestListRow(r.Request.Id, r.Request.ClientId, r.ClientName, r.Request.Description, r.Request.Status,
                r.Request.DueDate, r.Request.CreatedAt, r.Request.AmountMinor, r.Request.Currency.Code))
            .ToListAsync(cancellationToken);
        return new PagedResult<CreditRequestListRow>(items, page, filter.PageSize, total);
    }
}
