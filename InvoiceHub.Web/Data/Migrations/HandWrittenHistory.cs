using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace InvoiceHub.Web.Data.Migrations;

/// <summary>
/// Databases created before decision 0019 carry the history of the fifteen hand-written migrations, whose last one
/// built exactly the schema each provider's baseline migration builds. Such a database is told it has the baseline
/// instead: the old history rows go and the baseline's row comes, in one transaction, so the baseline never runs on it
/// and every later migration runs as usual. No data is touched.
/// </summary>
public static class HandWrittenHistory
{
    public const string LastMigrationId = "20261121000081_DataProtectionKeys";

    /// <summary>The hand-written migrations' ids all start with this prefix (the 21st of November 2026).</summary>
    private const string IdPrefix = "20261121";

    public static async Task AdoptBaselineAsync(InvoiceHubDbContext migrations, CancellationToken cancellationToken)
    {
        var history = migrations.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return;
        }
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var old = applied.Where(id => id.StartsWith(IdPrefix, StringComparison.Ordinal)).ToList();
        if (old.Count == 0)
        {
            return;
        }
        if (!old.Contains(LastMigrationId))
        {
            throw new InvalidOperationException(
                $"The database stops at the hand-written migration {old.Max(StringComparer.Ordinal)}. Start a release from before EF Core's own " +
                $"migrations (decision 0019) on it once, so that it reaches {LastMigrationId}, then this one.");
        }

        var baseline = migrations.Database.GetMigrations().First();
        await using var transaction = await migrations.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in old)
        {
            await migrations.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        }
        await migrations.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
