using System.Data.Common;
using InvoiceHub.Bench.Data;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// A search in the staff list starts from the clients whose name matches and reaches their invoices through
/// IX_Invoices_ClientId_Status_DueDate. On a bench-sized business the other plan — walking every invoice of
/// the status in due-date order and testing each client's name — took 0.7 s a page at 100,000 invoices.
/// The plan depends on the query's shape and on SQLite having statistics (refreshed at start-up), so both
/// are checked on a generated business through the real query's own SQL.
/// </summary>
public sealed class InvoiceListSearchPlanTests
{
    [Fact]
    public async Task Search_by_client_name_reads_only_the_matching_clients_invoices_through_the_client_index()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        await using (var connection = new SqliteConnection(app.ConnectionString))
        {
            await BenchDataGenerator.GenerateAsync(connection, new BenchSize(Clients: 400, Invoices: 8_000), DateTimeOffset.UtcNow);
        }
        // What the next start-up does on this database: migrations (none pending) and fresh planner statistics.
        await DatabaseInitializer.MigrateAsync(app.Services);

        var recorder = new CommandRecorder();
        var query = new InvoiceListQuery(new RecordingFactory(app.ConnectionString, recorder), TimeProvider.System);
        await using var db = app.CreateDbContext();
        var name = await db.Clients.Where(c => !c.Name.Contains(" ")).Select(c => c.Name).FirstOrDefaultAsync()
                   ?? await db.Clients.Select(c => c.Name).FirstAsync();
        var term = name.Split(' ')[^1].ToLowerInvariant();
        Assert.False(InvoiceListQuery.CouldBeInNumber(term), $"'{term}' looks like part of an invoice number.");

        var page = await query.RunAsync(new InvoiceListFilter(term, InvoiceStatus.Paid, false, null, null, "-total", 1));

        var expected = await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Paid
            && db.Clients.Any(c => c.Id == i.ClientId && c.Name.ToLower().Contains(term)));
        Assert.True(expected > 0, $"No paid invoice of a client named like '{term}'.");
        Assert.Equal(expected, page.TotalCount);
        Assert.All(page.Rows, r => Assert.Contains(term, r.ClientName, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(2, recorder.Commands.Count);
        foreach (var command in recorder.Commands)
        {
            var plan = await ExplainAsync(app.ConnectionString, command);
            Assert.True(plan.Any(step => step.Contains("IX_Invoices_ClientId_Status_DueDate", StringComparison.Ordinal)),
                "The list should reach invoices through the client index:" + Environment.NewLine + string.Join(Environment.NewLine, plan));
            Assert.DoesNotContain(plan, step => step.Contains("IX_Invoices_Status_DueDate", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Search_by_invoice_number_still_finds_the_invoice()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        await using (var connection = new SqliteConnection(app.ConnectionString))
        {
            await BenchDataGenerator.GenerateAsync(connection, new BenchSize(Clients: 20, Invoices: 200), DateTimeOffset.UtcNow);
        }
        await using var db = app.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Number != null).OrderBy(i => i.Id).Skip(17).FirstAsync();
        var query = app.Services.GetRequiredService<InvoiceListQuery>();

        var page = await query.RunAsync(new InvoiceListFilter(invoice.Number!.ToLowerInvariant(), null, false, null, null, null, 1));

        Assert.Equal(invoice.Id, Assert.Single(page.Rows).Id);
    }

    [Theory]
    [InlineData("inv-2025-00017", true)]
    [InlineData("2025", true)]
    [InlineData("-0001", true)]
    [InlineData("smith", false)]
    [InlineData("inv 2025", false)]
    public void Only_terms_made_of_number_characters_search_numbers(string term, bool searchesNumbers) =>
        Assert.Equal(searchesNumbers, InvoiceListQuery.CouldBeInNumber(term));

    private static async Task<List<string>> ExplainAsync(string connectionString, RecordedCommand recorded)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }
        return steps;
    }

    private sealed record RecordedCommand(string Text, List<(string Name, object? Value)> Parameters);

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<RecordedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new RecordedCommand(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The app's own database configuration with the recorder added.</summary>
    private sealed class RecordingFactory(string connectionString, CommandRecorder recorder) : IDbContextFactory<InvoiceHubDbContext>
    {
        public InvoiceHubDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
            DatabaseRegistration.Configure(options, DatabaseProvider.Sqlite, connectionString);
            options.AddInterceptors(recorder);
            return new InvoiceHubDbContext(options.Options);
        }
    }
}
