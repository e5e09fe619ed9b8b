using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.CreditRequests;

/// <summary>A credit request with the payments made for it, oldest first.</summary>
public sealed class GetCreditRequest(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<CreditRequestView> HandleAsync(int creditRequestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == creditRequestId, cancellationToken)
                      ?? throw new NotFoundException("credit request", creditRequestId);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CreditRequestId == creditRequestId)
            .OrderBy(p => p.CreatedAt)
            .ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return CreditRequestView.From(request, payments.Select(PaymentView.From));
    }
}
