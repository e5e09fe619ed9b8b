using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

public sealed record UpdateClientCommand(int ClientId, string Name, string Email, string? Address, string? VatNumber, string? Language = null);

/// <summary>Changes who a client is and how their invoices name them; the currency and balance stay as they are.</summary>
public sealed class UpdateClient(MoneyTransaction transaction)
{
    public async Task<ClientView> HandleAsync(UpdateClientCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var updated = await transaction.RunAsync("update client", async (db, ct) =>
        {
            var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == command.ClientId, ct)
                         ?? throw new NotFoundException("client", command.ClientId);
            client.Rename(command.Name);
            client.ChangeEmail(command.Email);
            client.SetBillingDetails(command.Address, command.VatNumber);
            ClientLanguages.Apply(client, command.Language);
            await ClientEmails.EnsureUnusedAsync(db, client.Email, client.Id, ct);
            return client;
        }, cancellationToken);
        return ClientView.From(updated);
    }
}
