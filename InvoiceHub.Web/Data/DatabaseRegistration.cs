using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvoiceHub.Web.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "InvoiceHub";

    /// <summary>
    /// Registers <see cref="InvoiceHubDbContext"/> (scoped, for Identity) and its factory (for components and
    /// handlers that open a context per operation) on SQLite by default or PostgreSQL when configured.
    /// </summary>
    public static IServiceCollection AddInvoiceHubDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton<SqliteWriteGate>();
        var connectionString = ResolveConnectionString(options.Provider, configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath, options.SqliteBusyTimeout);

        // Pooled: pages, queries and handlers open a context per operation, and a reset one is cheaper than a new one.
        services.AddPooledDbContextFactory<InvoiceHubDbContext>(db =>
        {
            Configure(db, options.Provider, connectionString, options.SqliteSynchronous);
        });
        // A factory, not an instance, so the container closes its connections when the app stops.
        services.AddSingleton(_ => new PreparedReads(options.Provider, connectionString));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString,
        SqliteSynchronous sqliteSynchronous = SqliteSynchronous.Normal)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            db.UseNpgsql(connectionString);
        }
        else
        {
            db.UseSqlite(connectionString);
            db.AddInterceptors(SqliteSynchronousInterceptor.For(sqliteSynchronous));
        }

        // Migrations are hand-written without a model snapshot (docs/decisions/0003); the schema test
        // compares a migrated database with the model instead of this warning.
        db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static string ResolveConnectionString(DatabaseProvider provider, string? configured, string contentRoot, TimeSpan? sqliteBusyTimeout = null)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:InvoiceHub is empty.")
                : configured;
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/invoicehub.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers wait for each other instead of failing at once with "database is locked".
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling((sqliteBusyTimeout ?? new DatabaseOptions().SqliteBusyTimeout).TotalSeconds));
        builder.Pooling = true;
        return builder.ToString();
    }
}
