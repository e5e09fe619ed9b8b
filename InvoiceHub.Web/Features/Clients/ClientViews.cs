using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>A client as screens and the API show it: who they are and what is on their balance.</summary>
public sealed record ClientView(int Id, string Name, string Email, Currency Currency, Money Balance, bool AutoCharge, bool PortalAccess, string Address = "", string VatNumber = "", string Language = Client.DefaultLanguage)
{
    public static ClientView From(Client client) =>
        new(client.Id, client.Name, client.Email, client.Currency, client.Balance, client.AutoCharge, client.PortalAccess, client.Address, client.VatNumber, client.Language);
}
