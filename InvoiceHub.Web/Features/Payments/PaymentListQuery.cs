using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

public sealed record PaymentListRow(
    int Id,
    DateTimeOffset CreatedAt,
    int ClientId,
    string ClientName,
    int? InvoiceId,
    string? InvoiceNumber,
    int? CreditRequestId,
    PaymentMethod Method,
    PaymentProvider Provider,
    PaymentStatus Status,
    long AmountMinor,
    long RefundedMinor,
    string Currency,
    string? ProviderPaymentId,
    string? Reference)
{
    public string? Document => InvoiceNumber ?? (CreditRequestId is { } id ? InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(id) : null);
}

public sealed record PaymentListFilter(
    string? Search,
    PaymentStatus? Status,
    PaymentMethod? Method,
    DateOnly? From,
    DateOnly? To,
    string? Sort,
    int Page,
    int PageSize = Paging.DefaultPageSize);

/// <summary>The staff payment list: filtered, sorted and paged in the database, projected to the columns shown.</summary>
public sealed class PaymentListQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public static readonly IReadOnlyList<string> Sorts = ["-created", "created", "amount", "-amount", "client", "-client", "status", "-status"];

    public async Task<PagedResult<PaymentListRow>> RunAsync(PaymentListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = from p in db.Payments.AsNoTracking()
                   join c in db.Clients.AsNoTracking() on p.ClientId equals c.Id
                   join i in db.Invoices.AsNoTracking() on p.InvoiceId equals i.Id into invoices
                   from i in invoices.DefaultIfEmpty()
                   select new { Payment = p, ClientName = c.Name, InvoiceNumber = i == null ? null : i.Number };

        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Payment.Status == status);
        }
        if (filter.Method is { } method)
        {
            rows = rows.Where(r => r.Payment.Method == method);
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(r => r.Payment.CreatedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(r => r.Payment.CreatedAt < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // Lower-cased on both sides: SQLite's instr and PostgreSQL's strpos are case-sensitive.
            var term = filter.Search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.ClientName.ToLower().Contains(term)
                || (r.Payment.Reference != null && r.Payment.Reference.ToLower().Contains(term))
                || (r.Payment.ProviderPaymentId != null && r.Payment.ProviderPaymentId.ToLower().Contains(term))
                || (r.InvoiceNumber != null && r.InvoiceNumber.ToLower().Contains(term)));
        }

        rows = filter.Sort switch
        {
            "created" => rows.OrderBy(r => r.Payment.CreatedAt).ThenBy(r => r.Payment.Id),
            "amount" => rows.OrderBy(r => r.Payment.AmountMinor).ThenBy(r => r.Payment.Id),
            "-amount" => rows.OrderByDescending(r => r.Payment.AmountMinor).ThenByDescending(r => r.Payment.Id),
            "client" => rows.OrderBy(r => r.ClientName).ThenBy(r => r.Payment.Id),
            "-client" => rows.OrderByDescending(r => r.ClientName).ThenByDescending(r => r.Payment.Id),
            "status" => rows.OrderBy(r => r.Payment.Status).ThenByDescending(r => r.Payment.Id),
            "-status" => rows.OrderByDescending(r => r.Payment.Status).ThenByDescending(r => r.Payment.Id),
            _ => rows.OrderByDescending(r => r.Payment.CreatedAt).ThenByDescending(r => r.Payment.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var page = Math.Min(Paging.ClampPage(filter.Page), Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize));
        var items = await rows.Skip((page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(r => new PaymentListRow(r.Payment.Id, r.Payment.CreatedAt, r.Payment.ClientId, r.ClientName, r.Payment.InvoiceId, r.InvoiceNumber,
                r.Payment.CreditRequestId, r.Payment.Method, r.Payment.Provider, r.Payment.Status, r.Payment.AmountMinor, r.Payment.RefundedMinor,
                r.Payment.Currency.Code, r.Payment.ProviderPaymentId, r.Payment.Reference))
            .ToListAsync(cancellationToken);
        return new PagedResult<PaymentListRow>(items, page, filter.PageSize, total);
    }

    /// <summary>Reads the page's query-string filters; null with a message when a date is not yyyy-MM-dd.</summary>
    public static PaymentListFilter? Parse(string? q, string? status, string? method, string? from, string? to, string? sort, int page, int pageSize, out string? error)
    {
        error = null;
        if (!ListDates.TryParse(from, out var fromDate) || !ListDates.TryParse(to, out var toDate))
        {
            error = ListDates.Hint;
            return null;
        }

        return new PaymentListFilter(
            q,
            Enum.TryParse<PaymentStatus>(status, ignoreCase: true, out var s) ? s : null,
            Enum.TryParse<PaymentMethod>(method, ignoreCase: true, out var m) ? m : null,
            fromDate,
            toDate,
            sort,
            page,
            pageSize);
    }
}
