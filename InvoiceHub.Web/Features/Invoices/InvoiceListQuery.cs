using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

public sealed record InvoiceListRow(int Id, string? Number, int ClientId, string ClientName, InvoiceStatus Status, DateOnly DueDate, long TotalMinor, long StillToPayMinor, string Currency);

public sealed record InvoiceListFilter(string? Search, InvoiceStatus? Status, bool OverdueOnly, DateOnly? DueFrom, DateOnly? DueTo, string? Sort, int Page, int PageSize = Paging.DefaultPageSize);

/// <summary>The staff invoice list: filtered, sorted and paged in the database, projected to the columns shown.</summary>
public sealed class InvoiceListQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Sorts = ["due", "-due", "number", "-number", "total", "-total", "client", "-client"];

    public async Task<PagedResult<InvoiceListRow>> RunAsync(InvoiceListFilter filter, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = from i in db.Invoices.AsNoTracking()
                   join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                   select new { Invoice = i, ClientName = c.Name };

        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Invoice.Status == status);
        }
        if (filter.OverdueOnly)
        {
            rows = rows.Where(r => r.Invoice.Status == InvoiceStatus.Open && r.Invoice.DueDate < today);
        }
        if (filter.DueFrom is { } from)
        {
            rows = rows.Where(r => r.Invoice.DueDate >= from);
        }
        if (filter.DueTo is { } to)
        {
            rows = rows.Where(r => r.Invoice.DueDate <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Lower-cased on both sides: SQLite's instr and PostgreSQL's strpos are case-sensitive.
            var term = filter.Search.Trim().ToLowerInvariant();
            // The matching clients first: their invoices are then found through IX_Invoices_ClientId_Status_DueDate
            // instead of by testing the client's name of every invoice of the status (a scan of most of the table).
            var clientIds = db.Clients.Where(c => c.Name.ToLower().Contains(term)).Select(c => c.Id);
            rows = CouldBeInNumber(term)
                ? rows.Where(r => clientIds.Contains(r.Invoice.ClientId) || (r.Invoice.Number != null && r.Invoice.Number.ToLower().Contains(term)))
                : rows.Where(r => clientIds.Contains(r.Invoice.ClientId));
        }

        rows = filter.Sort switch
        {
            "-due" => rows.OrderByDescending(r => r.Invoice.DueDate).ThenByDescending(r => r.Invoice.Id),
            "number" => rows.OrderBy(r => r.Invoice.Number).ThenBy(r => r.Invoice.Id),
            "-number" => rows.OrderByDescending(r => r.Invoice.Number).ThenByDescending(r => r.Invoice.Id),
            "total" => rows.OrderBy(r => r.Invoice.TotalMinor).ThenBy(r => r.Invoice.Id),
            "-total" => rows.OrderByDescending(r => r.Invoice.TotalMinor).ThenByDescending(r => r.Invoice.Id),
            "client" => rows.OrderBy(r => r.ClientName).ThenBy(r => r.Invoice.Id),
            "-client" => rows.OrderByDescending(r => r.ClientName).ThenByDescending(r => r.Invoice.Id),
            _ => rows.OrderBy(r => r.Invoice.DueDate).ThenBy(r => r.Invoice.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var page = Math.Min(Paging.ClampPage(filter.Page), Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        var items = await rows.Skip((page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(r => new InvoiceListRow(r.Invoice.Id, r.Invoice.Number, r.Invoice.ClientId, r.ClientName, r.Invoice.Status, r.Invoice.DueDate,
                r.Invoice.TotalMinor,
                r.Invoice.Status == InvoiceStatus.Open ? r.Invoice.TotalMinor - r.Invoice.AmountPaidMinor : 0,
                r.Invoice.Currency.Code))
            .ToListAsync(cancellationToken);
        return new PagedResult<InvoiceListRow>(items, page, filter.PageSize, total);
    }

    /// <summary>Numbers are INV-yyyy-nnnnn: a term with any other character cannot be part of one, so numbers need no search.</summary>
    internal static bool CouldBeInNumber(string lowerCaseTerm) =>
        lowerCaseTerm.All(c => c is (>= '0' and <= '9') or '-' or 'i' or 'n' or 'v');
}
