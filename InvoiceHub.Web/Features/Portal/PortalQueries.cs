using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Portal;

public enum DocumentType
{
    Invoice,
    CreditRequest,
}

public sealed record UnpaidDocument(DocumentType Type, int Id, string Number, DateOnly? DueDate, long TotalMinor, long StillToPayMinor, string Currency)
{
    public bool IsOverdue(DateOnly today) => DueDate is { } due && today > due;
}

public sealed record PaidDocument(DocumentType Type, int Id, string Number, DateTimeOffset? PaidAt, long TotalMinor, string Currency);

public sealed record PortalDashboard(string ClientName, long BalanceMinor, string Currency, IReadOnlyList<UnpaidDocument> Unpaid, IReadOnlyList<PaidDocument> Paid);

/// <summary>The client dashboard in a handful of projected queries; never another client's rows.</summary>
public sealed class PortalQueries(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public const int PaidHistoryRows = 20;

    public async Task<PortalDashboard?> DashboardAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId)
            .Select(c => new { c.Name, c.BalanceMinor, c.Currency }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open)
            .Select(i => new UnpaidDocument(DocumentType.Invoice, i.Id, i.Number!, i.DueDate, i.TotalMinor, i.TotalMinor - i.AmountPaidMinor, i.Currency.Code))
            .ToListAsync(cancellationToken);
        var requests = await db.CreditRequests.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.Status == CreditRequestStatus.Open)
            .Select(r => new UnpaidDocument(DocumentType.CreditRequest, r.Id, "CR-" + r.Id, r.DueDate, r.AmountMinor, r.AmountMinor, r.Currency.Code))
            .ToListAsync(cancellationToken);

        var paidInvoices = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Paid)
            .OrderByDescending(i => i.Id).Take(PaidHistoryRows)
            .Select(i => new PaidDocument(DocumentType.Invoice, i.Id, i.Number!, i.PaidAt, i.TotalMinor, i.Currency.Code))
            .ToListAsync(cancellationToken);
        var paidRequests = await db.CreditRequests.AsNoTracking()
            .Where(r => r.ClientId == clientId && r.Status == CreditRequestStatus.Paid)
            .OrderByDescending(r => r.Id).Take(PaidHistoryRows)
            .Select(r => new PaidDocument(DocumentType.CreditRequest, r.Id, "CR-" + r.Id, r.PaidAt, r.AmountMinor, r.Currency.Code))
            .ToListAsync(cancellationToken);

        var unpaid = invoices.Concat(requests).OrderBy(d => d.DueDate ?? DateOnly.MaxValue).ThenBy(d => d.Number, StringComparer.Ordinal).ToList();
        var paid = paidInvoices.Concat(paidRequests).OrderByDescending(d => d.PaidAt).Take(PaidHistoryRows).ToList();
        return new PortalDashboard(client.Name, client.BalanceMinor, client.Currency.Code, unpaid, paid);
    }
}
