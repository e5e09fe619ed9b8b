using Microsoft.Data.SqlClient;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// The SQL Server named by <c>INVOICEHUB_SQLSERVER</c> (a login that may CREATE DATABASE). No machine here can run
/// one, so these tests form their own category (<see cref="SqlServerFactAttribute"/>) that CI leaves out by filter;
/// docs/TESTING.md says how to run them against SQL Server 2022.
/// </summary>
public static class SqlServerTestServer
{
    public const string Variable = "INVOICEHUB_SQLSERVER";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Category=SqlServer tests need {Variable}: the connection string of a SQL Server 2022 login that may CREATE DATABASE " +
                "(docs/TESTING.md). Leave them out with --filter \"Category!=SqlServer\".");

    /// <summary>Creates an empty database with a random name; dispose the result to drop it.</summary>
    public static async Task<SqlServerTestDatabase> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString;
        var name = "ih_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new SqlConnection(admin))
        {
            await connection.OpenAsync();
#pragma warning disable DAP241 // A database name cannot be a parameter; this one is a generated Guid.
            await using var create = new SqlCommand($"CREATE DATABASE [{name}]", connection);
#pragma warning restore DAP241
            await create.ExecuteNonQueryAsync();
        }
        return new SqlServerTestDatabase(name, new SqlConnectionStringBuilder(admin) { InitialCatalog = name }.ConnectionString, admin);
    }
}

/// <summary>A SQL Server database that belongs to one test; dropped (other sessions rolled back) on dispose.</summary>
public sealed class SqlServerTestDatabase(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using (var own = new SqlConnection(ConnectionString))
        {
            SqlConnection.ClearPool(own);
        }
        await using var connection = new SqlConnection(adminConnectionString);
        await connection.OpenAsync();
#pragma warning disable DAP241 // A database name cannot be a parameter; this one is a generated Guid.
        await using var drop = new SqlCommand(
            $"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END", connection);
#pragma warning restore DAP241
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A test on SQL Server: a plain fact in the trait <c>Category=SqlServer</c>. It is never skipped: without
/// <c>INVOICEHUB_SQLSERVER</c> it fails saying so, and runs that have no SQL Server (CI here) filter the category out.
/// </summary>
[TraitDiscoverer("InvoiceHub.Tests.Infrastructure.SqlServerCategoryDiscoverer", "InvoiceHub.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlServerFactAttribute : FactAttribute, ITraitAttribute
{
    public const string Category = "SqlServer";
}

public sealed class SqlServerCategoryDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new("Category", SqlServerFactAttribute.Category)];
}
