using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditNotes;

public sealed record CreditNoteListRow(int Id, string Number, DateOnly IssuedOn, int InvoiceId, string InvoiceNumber, int ClientId, string ClientName, long TotalMinor, string Currency);

/// <param name="ClientId">Only this client's credit notes (the portal), else everyone's (staff).</param>
public sealed record CreditNoteListFilter(string? Search, string? Sort, int Page, int PageSize = Paging.DefaultPageSize, int? ClientId = null);

/// <summary>Credit notes for the staff and portal lists: searched (number, invoice number, client), sorted and paged in the database.</summary>
public sealed class CreditNoteListQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> Sorts = ["-issued", "issued", "number", "-number", "total", "-total", "client", "invoice"];

    public async Task<PagedResult<CreditNoteListRow>> RunAsync(CreditNoteListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = from n in db.CreditNotes.AsNoTracking()
                   join c in db.Clients.AsNoTracking() on n.ClientId equals c.Id
                   select new { Note = n, ClientName = c.Name };
        if (filter.ClientId is { } clientId)
        {
            rows = rows.Where(r => r.Note.ClientId == clientId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Lower-cased on both sides: SQLite's instr and PostgreSQL's strpos are case-sensitive.
            var term = filter.Search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Note.Number!.ToLower().Contains(term) || r.Note.InvoiceNumber.ToLower().Contains(term) || r.ClientName.ToLower().Contains(term));
        }

        rows = filter.Sort switch
        {
            "issued" => rows.OrderBy(r => r.Note.IssuedOn).ThenBy(r => r.Note.Id),
            "number" => rows.OrderBy(r => r.Note.Number).ThenBy(r => r.Note.Id),
            "-number" => rows.OrderByDescending(r => r.Note.Number).ThenByDescending(r => r.Note.Id),
            "total" => rows.OrderBy(r => r.Note.TotalMinor).ThenBy(r => r.Note.Id),
            "-total" => rows.OrderByDescending(r => r.Note.TotalMinor).ThenByDescending(r => r.Note.Id),
            "client" => rows.OrderBy(r => r.ClientName).ThenBy(r => r.Note.Id),
            "invoice" => rows.OrderBy(r => r.Note.InvoiceNumber).ThenBy(r => r.Note.Id),
            _ => rows.OrderByDescending(r => r.Note.IssuedOn).ThenByDescending(r => r.Note.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, 1000);
        var page = Math.Min(Paging.ClampPage(filter.Page), Math.Max(1, (total + pageSize - 1) / pageSize));
        var items = await rows.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new CreditNoteListRow(r.Note.Id, r.Note.Number!, r.Note.IssuedOn, r.Note.InvoiceId, r.Note.InvoiceNumber, r.Note.ClientId, r.ClientName,
                r.Note.TotalMinor, r.Note.Currency.Code))
            .ToListAsync(cancellationToken);
        return new PagedResult<CreditNoteListRow>(items, page, pageSize, total);
    }

    /// <summary>An invoice's credit notes, oldest first; with <paramref name="clientId"/>, only when the invoice is that client's.</summary>
    public async Task<IReadOnlyList<CreditNoteListRow>> ForInvoiceAsync(int invoiceId, int? clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CreditNotes.AsNoTracking()
            .Where(n => n.InvoiceId == invoiceId && (clientId == null || n.ClientId == clientId))
            .OrderBy(n => n.Id)
            .Select(n => new CreditNoteListRow(n.Id, n.Number!, n.IssuedOn, n.InvoiceId, n.InvoiceNumber, n.ClientId, "", n.TotalMinor, n.Currency.Code))
            .ToListAsync(cancellationToken);
    }
}
