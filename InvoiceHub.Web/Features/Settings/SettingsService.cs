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
    public void Invalidate() => _cached = null;
}
