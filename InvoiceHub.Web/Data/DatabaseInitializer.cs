using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>Brings the database to the latest migration before the app serves requests, with the dialect's settings around it.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Dialect.BeforeMigrateAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await db.Dialect.AfterMigrateAsync(db, cancellationToken);
    }
}
