using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Web.Features.Clients;

public sealed record CreateClientCommand(string Name, string Email, Currency? Currency = null, string? Address = null, string? VatNumber = null, string? Language = null);

/// <summary>Creates a client with an empty balance, billed in the given currency or the business default.</summary>
public sealed class CreateClient(MoneyTransaction transaction, SettingsService settings, TimeProvider clock)
{
    public async Task<ClientView> HandleAsync(CreateClientCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var currency = command.Currency ?? Currency.FromCode((await settings.GetAsync(cancellationToken)).DefaultCurrency);
        // Views are built after the commit: only then do new rows have their ids.
        var created = await transaction.RunAsync("create client", async (db, ct) =>
        {
            var client = Client.Create(command.Name, command.Email, currency, clock.GetUtcNow());
            client.SetBillingDetails(command.Address, command.VatNumber);
            ClientLanguages.Apply(client, command.Language);
            await ClientEmails.EnsureUnusedAsync(db, client.Email, null, ct);
            db.Clients.Add(client);
            return client;
        }, cancellationToken);
        return ClientView.From(created);
    }
}
