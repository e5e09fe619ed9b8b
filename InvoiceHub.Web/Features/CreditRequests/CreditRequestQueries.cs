using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

public static class CreditRequestQueries
{
    public static async Task<CreditRequest> LoadCreditRequestAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken) =>
        await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == creditRequestId, cancellationToken)
        ?? throw new NotFoundException("credit request", creditRequestId);

    /// <summary>A credit request and its client for a money change, the client's row locked first (see <see cref="RowLocks"/>).</summary>
    public static async Task<(CreditRequest Request, Client Client)> LoadCreditRequestWithClientAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken)
    {
        var clientId = await db.FindCreditRequestClientIdAsync(creditRequestId, cancellationToken) ?? throw new NotFoundException("credit request", creditRequestId);
        var client = await db.LoadLockedClientAsync(clientId, cancellationToken);
        return (await db.LoadCreditRequestAsync(creditRequestId, cancellationToken), client);
    }

    public static async Task<Currency?> FindCreditRequestCurrencyAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken)
    {
        var request = await db.CreditRequests.AsNoTracking().Where(r => r.Id == creditRequestId).Select(r => new { r.Currency }).SingleOrDefaultAsync(cancellationToken);
        return request?.Currency;
    }
}
