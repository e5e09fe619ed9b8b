using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Web.Resources;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>The client form as typed: what the create and edit screens hold before a handler sees it.</summary>
public sealed class ClientInput
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Currency { get; set; } = "";
    public string Address { get; set; } = "";
    public string VatNumber { get; set; } = "";
    public string Language { get; set; } = Client.DefaultLanguage;

    public static ClientInput From(ClientView client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClientInput { Name = client.Name, Email = client.Email, Currency = client.Currency.Code, Address = client.Address, VatNumber = client.VatNumber, Language = client.Language };
    }

    /// <summary>What a person must fix before saving, by field; the handler checks the rest (a duplicate email, lengths).</summary>
    public Dictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems["name"] = AdminText.EnterClientName;
        }
        if (string.IsNullOrWhiteSpace(Email))
        {
            problems["email"] = AdminText.EnterClientEmail;
        }
        else if (!Client.IsValidEmail(Email))
        {
            problems["email"] = AdminText.NotAnEmail;
        }
        if (Currency.Length > 0 && !Domain.Currency.TryFromCode(Currency, out _))
        {
            problems["currency"] = AdminText.ChooseListedCurrency;
        }
        if (Infrastructure.Localization.Languages.Find(Language) is null)
        {
            problems["language"] = AdminText.ChooseListedLanguage;
        }
        return problems;
    }

    public CreateClientCommand ToCreate() =>
        new(Name, Email, Currency.Length > 0 ? Domain.Currency.FromCode(Currency) : null, Address, VatNumber, Language);

    public UpdateClientCommand ToUpdate(int clientId) => new(clientId, Name, Email, Address, VatNumber, Language);
}
