using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

public static class CreditRequestQueries
{
    public static async Task<CreditRequest> LoadCreditRequestAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken) =>
        await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == creditRequestId, cancellationToken)
        ?? throw new NotFoundException("credit request", creditRequestId);

    public static async Task<Currency?> FindCreditRequestCurrencyAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken)
    {
        var request = await db.CreditRequests.AsNoTracking().Where(r => r.Id == creditRequestId).Select(r => new { r.Currency }).SingleOrDefaultAsync(cancellationToken);
        return request?.Currency;
    }
}
