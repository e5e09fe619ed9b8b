using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

public sealed record ClientListRow(int Id, string Name, string Email, long BalanceMinor, long OpenMinor, int OpenInvoices, string Currency);

/// <summary>The staff client list with balance and what each client still owes, paged in the database.</summary>
public sealed class ClientListQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<PagedResult<ClientListRow>> RunAsync(string? search, string? sort, int page, int pageSize = Paging.DefaultPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var clients = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            clients = clients.Where(c => c.Name.ToLower().Contains(term) || c.Email.ToLower().Contains(term));
        }
        clients = sort switch
        {
            "-name" => clients.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            "balance" => clients.OrderBy(c => c.BalanceMinor).ThenBy(c => c.Id),
            "-balance" => clients.OrderByDescending(c => c.BalanceMinor).ThenByDescending(c => c.Id),
            _ => clients.OrderBy(c => c.Name).ThenBy(c => c.Id),
        };

        var total = await clients.CountAsync(cancellationToken);
        page = Math.Min(Paging.ClampPage(page), Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await clients.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Email,
                c.BalanceMinor,
                c.Currency,
                Open = db.Invoices.Where(i => i.ClientId == c.Id && i.Status == InvoiceStatus.Open).Sum(i => (long?)(i.TotalMinor - i.AmountPaidMinor)) ?? 0,
                OpenCount = db.Invoices.Count(i => i.ClientId == c.Id && i.Status == InvoiceStatus.Open),
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<ClientListRow>(
            rows.Select(r => new ClientListRow(r.Id, r.Name, r.Email, r.BalanceMinor, r.Open, r.OpenCount, r.Currency.Code)).ToList(),
            page, pageSize, total);
    }
}
