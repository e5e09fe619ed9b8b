using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Settings;

/// <summary>
/// Reads the settings through a short-lived cache and writes them for Admins. The cache lives a few
/// seconds so that other nodes of a cluster see a change soon without a message bus.
/// </summary>
public sealed class SettingsService(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock, ILogger<SettingsService> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private (SettingsSnapshot Value, DateTimeOffset Until)? _cached;
    private (CompanyLogoImage? Value, DateTimeOffset Until)? _cachedLogo;

    public event Action<SettingsSnapshot>? Changed;

    public async Task<SettingsSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (cached is { } c && c.Until > clock.GetUtcNow())
        {
            return c.Value;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == AccountingSettings.SingletonId, cancellationToken)
                  ?? new AccountingSettings();
        var snapshot = row.ToSnapshot();
        _cached = (snapshot, clock.GetUtcNow() + CacheFor);
        return snapshot;
    }

    public async Task<SettingsSnapshot> UpdateAsync(SettingsSnapshot update, string changedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.SingleOrDefaultAsync(s => s.Id == AccountingSettings.SingletonId, cancellationToken);
        if (row is null)
        {
            row = new AccountingSettings();
            db.Settings.Add(row);
        }
        row.Apply(update);
        await db.SaveChangesAsync(cancellationToken);
        var snapshot = row.ToSnapshot();
        _cached = (snapshot, clock.GetUtcNow() + CacheFor);
        logger.LogInformation("Settings changed by {User}: online payment {Online}, auto-mark paid {AutoMark}, auto-charge {AutoCharge}",
            changedBy, snapshot.OnlineInvoicePayment, snapshot.AutomaticallyMarkInvoicesPaid, snapshot.AutoCharge);
        Changed?.Invoke(snapshot);
        return snapshot;
    }

    /// <summary>The company logo, or null when none is set (cached like the settings).</summary>
    public async Task<CompanyLogoImage?> GetLogoAsync(CancellationToken cancellationToken = default)
    {
        if (_cachedLogo is { } c && c.Until > clock.GetUtcNow())
        {
            return c.Value;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().Where(s => s.Id == AccountingSettings.SingletonId)
            .Select(s => new { s.LogoContent, s.LogoContentType }).SingleOrDefaultAsync(cancellationToken);
        var logo = row is { LogoContent: { } content, LogoContentType: { } type } ? new CompanyLogoImage(content, type) : null;
        _cachedLogo = (logo, clock.GetUtcNow() + CacheFor);
        return logo;
    }

    /// <summary>Replaces (or with null removes) the logo; the other settings and their version stay as they are.</summary>
    public async Task SetLogoAsync(CompanyLogoImage? logo, string changedBy, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Settings.Where(s => s.Id == AccountingSettings.SingletonId).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.LogoContent, logo == null ? null : logo.Content).SetProperty(x => x.LogoContentType, logo == null ? null : logo.ContentType),
            cancellationToken);
        _cachedLogo = (logo, clock.GetUtcNow() + CacheFor);
        logger.LogInformation("Company logo {Change} by {User}", logo is null ? "removed" : $"set ({logo.ContentType}, {logo.Content.Length} bytes)", changedBy);
    }

    /// <summary>Creates the settings row with defaults on a new database.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Settings.AnyAsync(cancellationToken))
        {
            db.Settings.Add(new AccountingSettings());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Forgets the cached copy, e.g. after a test or another tool changed the row.</summary>
    public void Invalidate()
    {
        _cached = null;
        _cachedLogo = null;
    }
}
