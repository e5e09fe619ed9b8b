using System.Data.Common;
using InvoiceHub.Bench.Data;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace InvoiceHub.Bench;

/// <summary>One provider's run: the app started (migrations), the data generated, then every measurement.</summary>
public static class BenchSuite
{
    public static Task<List<BenchResult>> RunSqliteAsync(BenchSettings settings, string file, TextWriter log)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        // The bench's own connections stay out of the app's pool.
        var raw = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        return RunAsync(settings, DatabaseProvider.Sqlite, connectionString, () => new SqliteConnection(raw), "", log);
    }

    public static async Task<List<BenchResult>> RunPostgresAsync(BenchSettings settings, string pg, TextWriter log)
    {
        await using var cluster = pg == "auto" ? await PostgresCluster.StartAsync() : null;
        var connectionString = cluster?.ConnectionString ?? pg;
        return await RunAsync(settings, DatabaseProvider.Postgres, connectionString, () => new NpgsqlConnection(connectionString), "_pg", log);
    }

    private static async Task<List<BenchResult>> RunAsync(BenchSettings settings, DatabaseProvider provider, string connectionString,
        Func<DbConnection> connect, string suffix, TextWriter log)
    {
        log.WriteLine($"[{provider}] migrating through the app's start-up …");
        await using (BenchHost.Start(provider, connectionString, mollie: null))
        {
            // Program runs DatabaseInitializer.MigrateAsync; the data goes in while the app is down.
        }
        log.WriteLine($"[{provider}] generating {settings.Size} …");
        GeneratedData data;
        await using (var connection = connect())
        {
            data = await BenchDataGenerator.GenerateAsync(connection, settings.Size, DateTimeOffset.UtcNow,
                progress: new Progress<string>(p => log.Write($"\r  {p}   ")), clientsPerBatch: 5_000);
        }
        log.WriteLine();
        log.WriteLine($"[{provider}] generated {data.Invoices:N0} invoices ({data.OpenInvoices:N0} open, {data.Drafts:N0} drafts), {data.CreditRequests:N0} credit requests, {data.Payments:N0} payments in {data.Elapsed.TotalSeconds:0.0} s");
        if (provider == DatabaseProvider.Postgres)
        {
            // What autovacuum would have done on a live database by now.
            await using var connection = connect();
            await connection.OpenAsync();
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }

        // The app starts on the existing business, as it does in production, with Mollie pointed at the simulator.
        await using var simulator = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = null);
        await using var app = BenchHost.Start(provider, connectionString, simulator.ApiBaseAddress);
        log.WriteLine($"[{provider}] app on {app.BaseAddress}");
        var random = new Random(42);
        var clientIds = Enumerable.Range(0, 2_000).Select(_ => random.Next(1, settings.Size.Clients + 1)).ToList();
        var terms = await SearchTermsAsync(connect, random);
        var drafts = await DraftsOfClientsWithCreditAsync(connect, settings.Issues + Measurements.WarmUpLimit);

        var measurements = new Measurements(app, settings, () => Open(connect), log);
        var results = new List<BenchResult>();
        if (settings.Runs("dashboard"))
        {
            var (dashboard, ratio) = await measurements.DashboardAndFloorAsync(clientIds);
            results.Add(dashboard);
            results.Add(ratio);
        }
        if (settings.Runs("list"))
        {
            results.Add(await measurements.InvoiceListAsync(terms));
        }
        if (settings.Runs("issue"))
        {
            results.Add(await measurements.IssueWithCreditAsync(drafts));
        }
        if (settings.Runs("webhook"))
        {
            results.Add(await WebhookSettlement.MeasureAsync(app, simulator, () => Open(connect), settings.Webhooks, settings.WarmUp, log));
        }
        // Circuits before the jobs, which add documents to the business.
        BenchResult? circuits = null;
        if (settings.Runs("circuits"))
        {
            circuits = provider == DatabaseProvider.Sqlite && !settings.SkipCircuits
                ? await CircuitMemory.MeasureAsync(app, await ClientWithSeveralUnpaidAsync(connect), settings.Circuits, log)
                : BenchResult.NotMeasured("circuit_memory_kb", "KB", 250, false,
                    settings.SkipCircuits ? "--no-circuits" : "measured on the SQLite run; circuits hold no provider state");
        }
        if (settings.Runs("reminders"))
        {
            results.Add(await JobMeasurements.RemindersAsync(app, () => Open(connect), log));
        }
        if (settings.Runs("autocharge"))
        {
            results.Add(await JobMeasurements.AutoChargeAsync(app, () => Open(connect), log));
        }
        if (circuits is not null)
        {
            results.Add(circuits);
        }
        return results.Select(r => r.WithSuffix(suffix)).ToList();
    }

    private static DbConnection Open(Func<DbConnection> connect)
    {
        var connection = connect();
        connection.Open();
        return connection;
    }

    /// <summary>Words of real client names (as staff would type them), a few of each length.</summary>
    private static async Task<List<string>> SearchTermsAsync(Func<DbConnection> connect, Random random)
    {
        await using var connection = Open(connect);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name" FROM "Clients" ORDER BY "Id" LIMIT 500""";
        var terms = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var words = reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).ToArray();
            if (words.Length > 0)
            {
                terms.Add(words[random.Next(words.Length)].ToLowerInvariant());
            }
        }
        return terms;
    }

    /// <summary>
    /// The first client whose dashboard lists three to five unpaid invoices, so that each circuit holds what most clients'
    /// do: the rows, and the pay-several form that shows from two documents on. Chosen when the circuits are measured,
    /// after the measurements that issue and pay documents.
    /// </summary>
    private static async Task<int> ClientWithSeveralUnpaidAsync(Func<DbConnection> connect)
    {
        await using var connection = Open(connect);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i."ClientId" FROM "Invoices" i WHERE i."Status" = 'Open'
            GROUP BY i."ClientId" HAVING COUNT(*) BETWEEN 3 AND 5 ORDER BY i."ClientId" LIMIT 1
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<int>> DraftsOfClientsWithCreditAsync(Func<DbConnection> connect, int count)
    {
        await using var connection = Open(connect);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT i."Id" FROM "Invoices" i JOIN "Clients" c ON c."Id" = i."ClientId"
            WHERE i."Status" = 'Draft' AND c."BalanceMinor" > 0 ORDER BY i."Id" LIMIT {count}
            """;
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }
}
