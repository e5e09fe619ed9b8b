using InvoiceHub.Domain;
using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>A staff correction of a client's balance (either sign) with a reason; the balance never goes below zero.</summary>
public sealed class AdjustClientBalance(MoneyTransaction transaction, TimeProvider clock)
{
    public async Task<ClientView> HandleAsync(int clientId, Money amount, string reason, CancellationToken cancellationToken = default)
    {
        var client = await transaction.RunAsync("adjust client balance", async (db, ct) =>
        {
            var client = await db.LoadLockedClientAsync(clientId, ct);
            client.AdjustBalance(amount, reason, clock.GetUtcNow());
            return client;
        }, cancellationToken);
        return ClientView.From(client);
    }
}
