using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>A client with their current balance.</summary>
public sealed class GetClient(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public async Task<ClientView> HandleAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken)
                     ?? throw new NotFoundException("client", clientId);
        return ClientView.From(client);
    }
}
