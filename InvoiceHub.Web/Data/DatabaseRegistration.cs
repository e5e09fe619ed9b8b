using InvoiceHub.Web.Data.Dialects;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "InvoiceHub";

    /// <summary>Every supported provider's dialect; <see cref="DatabaseOptions.Provider"/> chooses one (docs/decisions/0015).</summary>
    public static readonly IReadOnlyList<DatabaseDialect> Dialects = [SqliteDialect.Instance, PostgresDialect.Instance, SqlServerDialect.Instance];

    public static DatabaseDialect DialectFor(DatabaseProvider provider) =>
        Dialects.FirstOrDefault(d => d.Provider == provider) ?? throw new InvalidOperationException($"No database dialect for {provider}.");

    /// <summary>
    /// Registers <see cref="InvoiceHubDbContext"/> (scoped, for Identity) and its factory (for components and
    /// handlers that open a context per operation) on SQLite by default, or PostgreSQL or SQL Server when configured, and the
    /// provider's <see cref="DatabaseDialect"/>.
    /// </summary>
    public static IServiceCollection AddInvoiceHubDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration);
        var dialect = DialectFor(options.Provider);
        services.AddSingleton(options);
        services.AddSingleton(dialect);
        services.AddSingleton<SqliteWriteGate>();
        var connectionString = ResolveConnectionString(configuration, environment);

        // Pooled: pages, queries and handlers open a context per operation, and a reset one is cheaper than a new one.
        services.AddPooledDbContextFactory<InvoiceHubDbContext>(db => Configure(db, dialect, connectionString, options));
        // A factory, not an instance, so the container closes its connections when the app stops.
        services.AddSingleton(_ => dialect.CreatePreparedReads(connectionString));

        // The unit of work: money transactions and the domain events they dispatch (live updates after commit).
        services.AddSingleton<MoneyTransaction>();
        services.AddSingleton<DomainEventDispatcher>();
        services.AddSingleton<DocumentEvents>();
        services.AddSingleton<IAfterCommitHandler, LiveUpdates>();
        // Across nodes where the database is shared (docs/decisions/0022); SQLite has no relay and one node.
        services.AddSingleton(sp => new NodeLiveUpdates(dialect.CreateNodeRelay(connectionString),
            sp.GetRequiredService<DocumentEvents>(), sp.GetRequiredService<ILogger<NodeLiveUpdates>>()));
        services.AddHostedService(sp => sp.GetRequiredService<NodeLiveUpdates>());
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    /// <summary>The configured connection string as the configured provider's dialect completes it.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration);
        return DialectFor(options.Provider).ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath, options);
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString,
        SqliteSynchronous sqliteSynchronous = SqliteSynchronous.Normal) =>
        Configure(db, DialectFor(provider), connectionString, new DatabaseOptions { Provider = provider, SqliteSynchronous = sqliteSynchronous });

    private static void Configure(DbContextOptionsBuilder db, DatabaseDialect dialect, string connectionString, DatabaseOptions options) =>
        dialect.Configure(db, connectionString, options);
}
