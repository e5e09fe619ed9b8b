using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Decision 0014: the dashboard's SQL runs on statements prepared once and kept (SQLite: the app's own read-only
/// connections; PostgreSQL: Npgsql's prepared statements on pooled connections). Kept statements must never serve stale
/// rows, mix up concurrent readers or write.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PreparedReadsTests(PostgresServer postgres)
{
    private const string CountSql = """SELECT COUNT(*) FROM "Clients" WHERE "Name" LIKE @prefix""";
    private const string NameSql = """SELECT "Name" FROM "Clients" WHERE "Id" = @id""";

    [Fact]
    public Task A_kept_statement_sees_every_commit_after_it_was_prepared_on_SQLite() => SeesCommitsAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task A_kept_statement_sees_every_commit_after_it_was_prepared_on_PostgreSQL() => SeesCommitsAsync(DatabaseProvider.Postgres);

    [SqlServerFact]
    public Task A_kept_statement_sees_every_commit_after_it_was_prepared_on_SQL_Server() => SeesCommitsAsync(DatabaseProvider.SqlServer);

    [Fact]
    public async Task Readers_at_the_same_time_each_get_their_own_rows()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var reads = app.Services.GetRequiredService<PreparedReads>();
        var ids = new List<(int Id, string Name)>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(((await CreateAsync(app, $"Reader {i:00}")), $"Reader {i:00}"));
        }

        // More readers at once than the connections kept idle, alternating two statements on each connection.
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var (id, name) = ids[i % ids.Count];
            var read = i % 2 == 0 ? await NameAsync(reads, id) : (await CountAsync(reads, name)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (Expected: i % 2 == 0 ? name : "1", Read: read);
        })));

        Assert.All(results, r => Assert.Equal(r.Expected, r.Read));
    }

    [Fact]
    public async Task Nothing_can_be_written_through_the_kept_connections_on_SQLite()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var reads = app.Services.GetRequiredService<PreparedReads>();
        await CreateAsync(app, "Wanda Write");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => reads.QueryAsync(
            """DELETE FROM "Clients" WHERE "Name" = @name""", [new("@name", "Wanda Write")], (_, _) => Task.FromResult(0)));

        Assert.Equal(8, refused.SqliteErrorCode); // SQLITE_READONLY
        Assert.Equal(1, await CountAsync(reads, "Wanda Write"));
    }

    private async Task SeesCommitsAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        var reads = app.Services.GetRequiredService<PreparedReads>();
        Assert.Equal(0, await CountAsync(reads, "Kept "));

        for (var i = 1; i <= 3; i++)
        {
            var id = await CreateAsync(app, $"Kept {i}");
            Assert.Equal(i, await CountAsync(reads, "Kept "));
            Assert.Equal($"Kept {i}", await NameAsync(reads, id));
        }
    }

    private static async Task<int> CreateAsync(InvoiceHubFactory app, string name)
    {
        using var scope = app.Services.CreateScope();
        var client = await scope.ServiceProvider.GetRequiredService<CreateClient>().HandleAsync(
            new CreateClientCommand(name, name.Replace(' ', '.').ToLowerInvariant() + "@example.test"));
        return client.Id;
    }

    private static Task<long> CountAsync(PreparedReads reads, string prefix) =>
        reads.QueryAsync(CountSql, [new("@prefix", prefix + "%")], async (rows, ct) =>
        {
            Assert.True(await rows.ReadAsync(ct));
            return rows.GetInt64(0);
        });

    private static Task<string?> NameAsync(PreparedReads reads, int id) =>
        reads.QueryAsync(NameSql, [new("@id", (object)id)], async (rows, ct) => await rows.ReadAsync(ct) ? rows.GetString(0) : null);
}
