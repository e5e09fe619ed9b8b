using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace InvoiceHub.Web.Data.Migrations;

// One context type per provider, as EF Core's "Migrations with multiple providers" describes: EF finds a provider's
// migrations and model snapshot by the context type in their [DbContext] attribute, so each set lives in its own
// folder (Sqlite/, Postgres/, SqlServer/) under its own type. The types add nothing to the model; the app reads and
// writes through InvoiceHubDbContext and only migrates through these (DatabaseDialect.CreateMigrationsContext).
// docs/decisions/0019.

public sealed class SqliteMigrationsContext(DbContextOptions options) : InvoiceHubDbContext(options);

public sealed class PostgresMigrationsContext(DbContextOptions options) : InvoiceHubDbContext(options);

public sealed class SqlServerMigrationsContext(DbContextOptions options) : InvoiceHubDbContext(options);

/// <summary>
/// How <c>dotnet ef</c> builds a provider's migrations context: the dialect's configuration on a connection string that
/// adding a migration or checking for model changes never opens. <c>dotnet ef database update</c> and
/// <c>migrations script</c> take the real one after <c>--</c>: <c>-- --connection "…"</c>.
/// </summary>
public abstract class DesignTimeMigrationsContextFactory<TContext>(DatabaseProvider provider, string placeholderConnection)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : InvoiceHubDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault() ?? placeholderConnection;
        var options = new DbContextOptionsBuilder<TContext>();
        DatabaseRegistration.Configure(options, provider, connection);
        return (TContext)DatabaseRegistration.DialectFor(provider).CreateMigrationsContext(options.Options);
    }
}

public sealed class SqliteDesignTimeFactory()
    : DesignTimeMigrationsContextFactory<SqliteMigrationsContext>(DatabaseProvider.Sqlite, "Data Source=App_Data/invoicehub.db");

public sealed class PostgresDesignTimeFactory()
    : DesignTimeMigrationsContextFactory<PostgresMigrationsContext>(DatabaseProvider.Postgres, "Host=localhost;Database=invoicehub;Username=invoicehub");

public sealed class SqlServerDesignTimeFactory()
    : DesignTimeMigrationsContextFactory<SqlServerMigrationsContext>(DatabaseProvider.SqlServer, "Server=localhost;Database=InvoiceHub;Integrated Security=true;TrustServerCertificate=true");
