using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Web.Infrastructure.Localization;

namespace InvoiceHub.Web.Features.Clients;

/// <summary>A client's language as staff or the API give it: one InvoiceHub speaks, or none given (kept as it is).</summary>
public static class ClientLanguages
{
    public static void Apply(Client client, string? language)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (language is null)
        {
            return;
        }
        var known = Languages.Find(language)
                    ?? throw new DomainException(ErrorCodes.InvalidLanguage, $"Choose one of the languages InvoiceHub speaks: {string.Join(", ", Languages.Codes)}.", "language");
        client.SetLanguage(known.Code);
    }
}
