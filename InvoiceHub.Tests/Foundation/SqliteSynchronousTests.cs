using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Decision 0007: the app's SQLite connections commit in WAL mode with synchronous=NORMAL (no fsync per commit),
/// unless <c>Database:SqliteSynchronous</c> asks for FULL. Issuing and webhook settlement were capped by one
/// fsync per commit (~100 a second) before.
/// </summary>
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("Full", 2)]
    [InlineData("Normal", 1)]
    public async Task Every_connection_of_the_app_uses_the_configured_synchronous_mode_in_WAL(string? configured, long expected)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Database:SqliteSynchronous"] = configured;
        }
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Settings = settings });

        // Two contexts in a row: the second gets the pooled connection back and must still be set.
        for (var i = 0; i < 2; i++)
        {
            await using var db = app.CreateDbContext();
            Assert.Equal(expected, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS \"Value\" FROM pragma_synchronous").SingleAsync());
            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").SingleAsync());
        }
    }
}
