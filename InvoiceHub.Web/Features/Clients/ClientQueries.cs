using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>Loading clients inside a money transaction: the row only, never the ledger (appending adds rows).</summary>
public static class ClientQueries
{
    public static async Task<Client> LoadClientAsync(this InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken)
        ?? throw new NotFoundException("client", clientId);

    /// <summary>Locks the client's row (PostgreSQL) and loads it: the start of every change to their money.</summary>
    public static async Task<Client> LoadLockedClientAsync(this InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken)
    {
        await db.LockClientAsync(clientId, cancellationToken);
        return await db.LoadClientAsync(clientId, cancellationToken);
    }

    /// <summary>The currency a client is billed in, so that input amounts can be checked before any work starts.</summary>
    public static async Task<Currency?> FindClientCurrencyAsync(this InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Currency }).SingleOrDefaultAsync(cancellationToken);
        return client?.Currency;
    }
}
