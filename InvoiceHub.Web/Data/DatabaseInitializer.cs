using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>Brings the database to the latest migration before the app serves requests.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; it is a property of the file, so set it once here.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await RefreshPlannerStatisticsAsync(db, cancellationToken);
        }
    }

    /// <summary>
    /// SQLite plans without statistics until ANALYZE has run, and then guesses that every index equality is
    /// selective: the staff list's status filter would walk most invoices in due-date order instead of starting
    /// from the few clients a search matches. <c>PRAGMA optimize</c> (0x10000: every table, as SQLite
    /// recommends at start-up) analyses the tables whose statistics are missing or stale, sampling at most
    /// <c>analysis_limit</c> rows per index so that it stays quick on large databases.
    /// </summary>
    public static async Task RefreshPlannerStatisticsAsync(InvoiceHubDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
