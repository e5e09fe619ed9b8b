using InvoiceHub.Web.Data;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvoiceHub.Web.Features.PaymentProviders;

/// <summary>The methods Pay Now may offer and how (Mollie id, label).</summary>

/// <summary>Wire details as clients see them; null fields never reach a client (<see cref="PaymentProviderSnapshot.Wire"/> is null then).</summary>
public sealed record WireDetails(string AccountHolder, string Iban, string Bic, string Instructions);

/// <summary>An immutable copy of the providers' settings, without the key itself.</summary>
public sealed record PaymentProviderSnapshot(
    bool WireEnabled,
    string WireAccountHolder,
    string WireIban,
    string WireBic,
    string WireInstructions,
    IReadOnlyList<string> WireMissing,
    bool MollieKeyStored,
    string? MollieKeyHint,
    IReadOnlyList<string> MollieMethods)
{
    /// <summary>Present only when Wire Transfer is enabled and every detail is filled in.</summary>
    public WireDetails? Wire => WireEnabled && WireMissing.Count == 0 ? new(WireAccountHolder, WireIban, WireBic, WireInstructions) : null;
}

public sealed class PaymentProviderService(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    IOptionsMonitor<MollieOptions> mollieOptions,
    IHttpClientFactory httpClients,
    MollieResilience resilience,
    ILoggerFactory loggers,
    TimeProvider clock,
    ILogger<PaymentProviderService> logger)
{
    public const string ProtectorPurpose = "InvoiceHub.PaymentProviders.MollieApiKey";

    /// <summary>The methods an admin can choose, in Pay Now's order.</summary>
    public static IReadOnlyList<MollieMethodChoice> MollieChoices => MollieMethods.All;

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);
    private (PaymentProviderSnapshot Snapshot, string? Key, DateTimeOffset Until)? _cached;

    public async Task<PaymentProviderSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Snapshot;

    /// <summary>The stored key, decrypted; else <c>Mollie:ApiKey</c> from configuration (Development's simulator key).</summary>
    public async Task<string?> GetMollieKeyAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Key ?? mollieOptions.CurrentValue.ApiKey;

    public static bool IsMollieKeyFormat(string? key) =>
        key is not null && (key.StartsWith("test_", StringComparison.Ordinal) || key.StartsWith("live_", StringComparison.Ordinal))
        && key.Length is >= 20 and <= 200 && key[5..].All(char.IsAsciiLetterOrDigit);

    /// <summary><c>test_…abcd</c>: the mode and the last four characters, nothing more.</summary>
    public static string Hint(string key) => key[..5] + "…" + key[^4..];

    public static string? ModeOf(string? hint) =>
        hint is null ? null : hint.StartsWith("live_", StringComparison.Ordinal) ? "live" : "test";

    public async Task SaveWireAsync(bool enabled, string accountHolder, string iban, string bic, string instructions, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(iban) && !Iban.IsValid(iban))
        {
            throw new ArgumentException("The IBAN is not valid: check the country code, the check digits and the account number.", nameof(iban));
        }

        await UpdateAsync(s => s.SetWire(enabled, accountHolder, iban, bic, instructions, clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Wire Transfer details changed (enabled {Enabled})", enabled);
    }

    public async Task SaveMollieMethodsAsync(IEnumerable<string> methodIds, CancellationToken cancellationToken = default)
    {
        var known = MollieChoices.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        await UpdateAsync(s => s.SetMollieMethods(methodIds.Where(known.Contains), clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Stores the key encrypted; only its hint is ever shown again. The key is never logged.</summary>
    public async Task<string> SaveMollieKeyAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        var key = apiKey.Trim();
        if (!IsMollieKeyFormat(key))
        {
            throw new ArgumentException("A Mollie API key starts with test_ or live_ followed by letters and digits.", nameof(apiKey));
        }

        var hint = Hint(key);
        await UpdateAsync(s => s.SetMollieKey(_protector.Protect(key), hint, clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Mollie API key replaced ({Mode} mode)", ModeOf(hint));
        return hint;
    }

    public async Task ClearMollieKeyAsync(CancellationToken cancellationToken = default)
    {
        await UpdateAsync(s => s.ClearMollieKey(clock.GetUtcNow()), cancellationToken);
        logger.LogInformation("Stored Mollie API key removed; configuration's key applies");
    }

    /// <summary>Lists Mollie's methods with <paramref name="apiKey"/> (or the current key): proves the key works.</summary>
    public async Task<IReadOnlyList<MollieMethod>> ListMollieMethodsAsync(string? apiKey = null, bool recurring = false, CancellationToken cancellationToken = default)
    {
        var key = string.IsNullOrWhiteSpace(apiKey) ? await GetMollieKeyAsync(cancellationToken) : apiKey.Trim();
        var client = new MollieClient(httpClients, resilience, new FixedKey(key), loggers.CreateLogger<MollieClient>());
        return await client.ListMethodsAsync(recurring ? new MollieMethodsQuery { SequenceType = MollieSequenceType.Recurring } : null, cancellationToken);
    }

    public void Invalidate() => _cached = null;

    private async Task UpdateAsync(Action<PaymentProviderSettings> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PaymentProviders.SingleOrDefaultAsync(s => s.Id == PaymentProviderSettings.SingletonId, cancellationToken);
        if (row is null)
        {
            row = new PaymentProviderSettings();
            db.PaymentProviders.Add(row);
        }

        change(row);
        await db.SaveChangesAsync(cancellationToken);
        _cached = null;
    }

    private async Task<(PaymentProviderSnapshot Snapshot, string? Key)> LoadAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } c && c.Until > clock.GetUtcNow())
        {
            return (c.Snapshot, c.Key);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PaymentProviders.AsNoTracking().SingleOrDefaultAsync(s => s.Id == PaymentProviderSettings.SingletonId, cancellationToken)
                  ?? new PaymentProviderSettings();
        string? key = null;
        if (row.MollieApiKeyProtected is { } protectedKey)
        {
            try
            {
                key = _protector.Unprotect(protectedKey);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                // The Data Protection keys changed (another machine, lost key ring): the admin must enter the key again.
                logger.LogError(ex, "The stored Mollie API key cannot be decrypted; enter it again under Payment Providers");
            }
        }

        var snapshot = new PaymentProviderSnapshot(row.WireEnabled, row.WireAccountHolder, row.WireIban, row.WireBic, row.WireInstructions,
            row.WireMissing(), row.MollieApiKeyProtected is not null, row.MollieApiKeyHint, row.MollieMethodIds);
        _cached = (snapshot, key, clock.GetUtcNow() + CacheFor);
        return (snapshot, key);
    }

    private sealed class FixedKey(string? key) : IMollieKeyProvider
    {
        public ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(key);
    }
}

/// <summary>The Mollie key stored under Payment Providers, falling back to <c>Mollie:ApiKey</c>.</summary>
public sealed class StoredMollieKeyProvider(PaymentProviderService providers) : IMollieKeyProvider
{
    public async ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken) =>
        await providers.GetMollieKeyAsync(cancellationToken);
}
