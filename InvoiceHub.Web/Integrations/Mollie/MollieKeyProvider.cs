using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Integrations.Mollie;

/// <summary>Supplies the Mollie API key per request, so that it can come from the database (encrypted) later.</summary>
public interface IMollieKeyProvider
{
    ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken);
}

/// <summary>The key from configuration (<c>Mollie:ApiKey</c>), re-read when configuration reloads.</summary>
public sealed class ConfiguredMollieKeyProvider(IOptionsMonitor<MollieOptions> options) : IMollieKeyProvider
{
    public ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.CurrentValue.ApiKey);
}
