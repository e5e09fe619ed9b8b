using System.Diagnostics;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// What SQL Server's dialect promises beyond the shared money tests: a money operation takes the client's row lock and
/// waits for it; a wait past <c>Database:SqlServerLockTimeout</c> (error 1222) is "busy" and writes nothing; a deadlock
/// victim (1205) is a conflict worth another attempt. Category SqlServer (docs/TESTING.md).
/// </summary>
public sealed class SqlServerDialectTests
{
    [SqlServerFact]
    public async Task A_client_row_locked_past_the_lock_timeout_makes_a_money_operation_busy_and_it_writes_nothing()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Provider = DatabaseProvider.SqlServer,
            Settings = new Dictionary<string, string?> { ["Database:SqlServerLockTimeout"] = "00:00:01" },
        });
        var client = await app.Services.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand("Locked Client", "locked@example.com"));
        var transaction = app.Services.GetRequiredService<MoneyTransaction>();

        await using var other = new SqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using (var held = (SqlTransaction)await other.BeginTransactionAsync())
        {
            await using var lockRow = new SqlCommand("SELECT 1 FROM [Clients] WITH (UPDLOCK, ROWLOCK) WHERE [Id] = @id", other, held);
            lockRow.Parameters.AddWithValue("@id", client.Id);
            await lockRow.ExecuteScalarAsync();

            var started = Stopwatch.StartNew();
            await Assert.ThrowsAsync<DatabaseBusyException>(() => transaction.RunAsync("rename while locked", async (db, ct) =>
            {
                await db.LockClientAsync(client.Id, ct);
                (await db.Clients.FindAsync([client.Id], ct))!.Rename("Renamed While Locked");
            }));
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"The busy answer took {started.Elapsed.TotalSeconds:0.0} s with a 1 s lock timeout.");
            await held.RollbackAsync();
        }

        await using var check = app.CreateDbContext();
        Assert.Equal("Locked Client", (await check.Clients.FindAsync(client.Id))!.Name);
    }

    [SqlServerFact]
    public async Task A_deadlock_victim_is_a_conflict_worth_another_attempt()
    {
        await using var database = await SqlServerTestServer.CreateDatabaseAsync();
        await ExecuteAsync(database.ConnectionString, "CREATE TABLE [Pair] ([Id] int PRIMARY KEY, [Value] int NOT NULL); INSERT INTO [Pair] VALUES (1, 0), (2, 0);");
        await using var first = new SqlConnection(database.ConnectionString);
        await using var second = new SqlConnection(database.ConnectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var firstTransaction = (SqlTransaction)await first.BeginTransactionAsync();
        await using var secondTransaction = (SqlTransaction)await second.BeginTransactionAsync();
        await UpdateAsync(first, firstTransaction, 1);
        await UpdateAsync(second, secondTransaction, 2);

        // Each now waits for the row the other holds: SQL Server picks one of them as the victim (1205).
        var crossed = await Task.WhenAll(Capture(UpdateAsync(first, firstTransaction, 2)), Capture(UpdateAsync(second, secondTransaction, 1)));

        var victim = Assert.Single(crossed, e => e is not null);
        Assert.Equal(1205, Assert.IsType<SqlException>(victim).Number);
        Assert.True(MoneyTransaction.IsTransient(victim));
        Assert.False(MoneyTransaction.IsDatabaseBusy(victim));
    }

    private static async Task UpdateAsync(SqlConnection connection, SqlTransaction transaction, int id)
    {
        await using var command = new SqlCommand("UPDATE [Pair] SET [Value] = [Value] + 1 WHERE [Id] = @id", connection, transaction);
        command.Parameters.AddWithValue("@id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (SqlException ex)
        {
            return ex;
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
