using InvoiceHub.Web.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Brings the database to the provider's latest migration before the app serves requests, with the dialect's settings
/// around it. Migrations run through the provider's migrations context, which finds that provider's set (decision 0019).
/// </summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dialect = services.GetRequiredService<Dialects.DatabaseDialect>();
        await using var db = dialect.CreateMigrationsContext(services.GetRequiredService<DbContextOptions<InvoiceHubDbContext>>());
        await db.Dialect.BeforeMigrateAsync(db, cancellationToken);
        await HandWrittenHistory.AdoptBaselineAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Dialect.AfterMigrateAsync(db, cancellationToken);
    }
}
