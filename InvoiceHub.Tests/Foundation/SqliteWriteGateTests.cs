using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Decision 0012: on SQLite the app's money transactions take turns at one in-process gate instead of meeting
/// SQLite's lock (which Microsoft.Data.Sqlite polls with 150 ms sleeps); on PostgreSQL nothing waits there.
/// </summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_money_transaction_on_SQLite_starts_only_when_the_writer_before_it_has_finished()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        var money = app.Services.GetRequiredService<MoneyTransaction>();
        await using var db = app.CreateDbContext();

        var turn = await gate.EnterAsync(db, CancellationToken.None);
        Assert.NotNull(turn);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = money.RunAsync("test", async (_, _) =>
        {
            started.SetResult();
            await Task.CompletedTask;
        });
        var first = await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(started.Task, first);

        turn.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(started.Task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task On_PostgreSQL_nobody_waits_at_the_gate()
    {
        var options = new DbContextOptionsBuilder<InvoiceHubDbContext>();
        DatabaseRegistration.Configure(options, DatabaseProvider.Postgres, "Host=127.0.0.1;Database=invoicehub");
        await using var db = new InvoiceHubDbContext(options.Options);
        var gate = new SqliteWriteGate();

        Assert.Null(await gate.EnterAsync(db, CancellationToken.None));
        Assert.Null(await gate.EnterAsync(db, CancellationToken.None));
    }
}
