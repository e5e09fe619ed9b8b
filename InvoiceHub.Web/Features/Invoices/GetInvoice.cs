using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>An invoice with its lines and allocations.</summary>
public sealed class GetInvoice(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<InvoiceView> HandleAsync(int invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).AsSplitQuery()
                          .SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
                      ?? throw new NotFoundException("invoice", invoiceId);
        return InvoiceView.From(invoice);
    }
}
