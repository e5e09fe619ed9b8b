using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;

namespace InvoiceHub.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class HealthTests(PostgresServer postgres)
{
    [Fact]
    public Task Health_answers_Healthy_on_SQLite() => AssertHealthyAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Sqlite });

    [RequiresPostgresFact]
    public Task Health_answers_Healthy_on_PostgreSQL() =>
        AssertHealthyAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres });

    [SqlServerFact]
    public Task Health_answers_Healthy_on_SQL_Server() => AssertHealthyAsync(new InvoiceHubOptions { Provider = DatabaseProvider.SqlServer });

    private static async Task AssertHealthyAsync(InvoiceHubOptions options)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(options);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        // The app really runs on the database it was given, not on the App_Data default.
        await using var db = app.CreateDbContext();
        Assert.Equal(options.Provider == DatabaseProvider.Postgres, Microsoft.EntityFrameworkCore.NpgsqlDatabaseFacadeExtensions.IsNpgsql(db.Database));
        Assert.Equal(options.Provider == DatabaseProvider.SqlServer, Microsoft.EntityFrameworkCore.SqlServerDatabaseFacadeExtensions.IsSqlServer(db.Database));
        Assert.Equal(DataSourceOf(app.ConnectionString, options.Provider), DataSourceOf(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database)!, options.Provider));
    }

    private static string DataSourceOf(string connectionString, DatabaseProvider provider) =>
        provider switch
        {
            DatabaseProvider.Postgres => new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!,
            DatabaseProvider.SqlServer => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString).InitialCatalog,
            _ => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource,
        };
}
