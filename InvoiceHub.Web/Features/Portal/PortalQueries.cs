using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
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

/// <summary>
/// The client dashboard in one round trip: the client, the open documents and the latest paid ones as one
/// compiled UNION ALL of projections (the indexes on ClientId and Status serve every part); never another client's rows.
/// </summary>
public sealed class PortalQueries(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public const int PaidHistoryRows = 20;

    private const int ClientPart = 0, OpenInvoicePart = 1, OpenRequestPart = 2, PaidInvoicePart = 3, PaidRequestPart = 4;

    /// <summary>One row of any part; each part reads only the columns it needs.</summary>
    private sealed class Row
    {
        public int Part { get; init; }
        public int Id { get; init; }
        public string? Name { get; init; }
        public string? Number { get; init; }
        public DateOnly? DueDate { get; init; }
        public DateTimeOffset? PaidAt { get; init; }
        public long Amount { get; init; }
        public long StillToPay { get; init; }
        public Currency Currency { get; init; } = Currency.EUR;
    }

    // Per instance (one per app): a compiled query belongs to one model, and tests run apps on both providers.
    private readonly Func<InvoiceHubDbContext, int, IAsyncEnumerable<Row>> _dashboard = EF.CompileAsyncQuery(
        (InvoiceHubDbContext db, int clientId) =>
            // Every document part selects real columns, even those its rows do not need: a NULL inside a limited
            // subquery becomes text on PostgreSQL and no longer unites with a date. Only the client's part, last, has nulls.
            db.Invoices.Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Paid).OrderByDescending(i => i.Id).Take(PaidHistoryRows)
                .Select(i => new Row { Part = PaidInvoicePart, Id = i.Id, Name = null, Number = i.Number, DueDate = i.DueDate, PaidAt = i.PaidAt, Amount = i.TotalMinor, StillToPay = 0, Currency = i.Currency })
            .Concat(db.Invoices.Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open)
                .Select(i => new Row { Part = OpenInvoicePart, Id = i.Id, Name = null, Number = i.Number, DueDate = i.DueDate, PaidAt = i.PaidAt, Amount = i.TotalMinor, StillToPay = i.TotalMinor - i.AmountPaidMinor, Currency = i.Currency }))
            .Concat(db.CreditRequests.Where(r => r.ClientId == clientId && r.Status == CreditRequestStatus.Open)
                .Select(r => new Row { Part = OpenRequestPart, Id = r.Id, Name = null, Number = null, DueDate = r.DueDate, PaidAt = r.PaidAt, Amount = r.AmountMinor, StillToPay = r.AmountMinor, Currency = r.Currency }))
            .Concat(db.CreditRequests.Where(r => r.ClientId == clientId && r.Status == CreditRequestStatus.Paid).OrderByDescending(r => r.Id).Take(PaidHistoryRows)
                .Select(r => new Row { Part = PaidRequestPart, Id = r.Id, Name = null, Number = null, DueDate = r.DueDate, PaidAt = r.PaidAt, Amount = r.AmountMinor, StillToPay = 0, Currency = r.Currency }))
            .Concat(db.Clients.Where(c => c.Id == clientId)
                .Select(c => new Row { Part = ClientPart, Id = c.Id, Name = c.Name, Number = null, DueDate = null, PaidAt = null, Amount = c.BalanceMinor, StillToPay = 0, Currency = c.Currency })));

    public async Task<PortalDashboard?> DashboardAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Row? client = null;
        var unpaid = new List<UnpaidDocument>();
        var paid = new List<PaidDocument>();
        await foreach (var row in _dashboard(db, clientId).WithCancellation(cancellationToken))
        {
            switch (row.Part)
            {
                case ClientPart:
                    client = row;
                    break;
                case OpenInvoicePart:
                    unpaid.Add(new UnpaidDocument(DocumentType.Invoice, row.Id, row.Number!, row.DueDate, row.Amount, row.StillToPay, row.Currency.Code));
                    break;
                case OpenRequestPart:
                    unpaid.Add(new UnpaidDocument(DocumentType.CreditRequest, row.Id, OnlinePayments.CreditRequestNumber(row.Id), row.DueDate, row.Amount, row.StillToPay, row.Currency.Code));
                    break;
                case PaidInvoicePart:
                    paid.Add(new PaidDocument(DocumentType.Invoice, row.Id, row.Number!, row.PaidAt, row.Amount, row.Currency.Code));
                    break;
                default:
                    paid.Add(new PaidDocument(DocumentType.CreditRequest, row.Id, OnlinePayments.CreditRequestNumber(row.Id), row.PaidAt, row.Amount, row.Currency.Code));
                    break;
            }
        }
        if (client is null)
        {
            return null;
        }

        return new PortalDashboard(client.Name!, client.Amount, client.Currency.Code,
            unpaid.OrderBy(d => d.DueDate ?? DateOnly.MaxValue).ThenBy(d => d.Number, StringComparer.Ordinal).ToList(),
            paid.OrderByDescending(d => d.PaidAt).Take(PaidHistoryRows).ToList());
    }
}
