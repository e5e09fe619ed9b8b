using System.Data.Common;
using InvoiceHub.Bench.Data;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.Reminders;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Mollie;

namespace InvoiceHub.Bench;

/// <summary>
/// The reminders and auto-charge jobs run through Hangfire as Run now does (the real job classes, the app's
/// database, the Mollie simulator over HTTP), timed by their own JobRun record (started to finished).
/// The documents they work on are written straight into the tables first, untimed.
/// </summary>
public static class JobMeasurements
{
    public const int ReminderInvoices = 100_000;
    public const int ChargedRequests = 10_000;
    private const int MandateClients = 2_000;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    /// <summary>
    /// At least 100,000 open invoices, all with a reminder step whose day has come; for nine in ten (and for nine
    /// in ten open credit requests) that step's reminder was already sent on an earlier day, so one in ten is due.
    /// </summary>
    public static async Task<BenchResult> RemindersAsync(BenchHost app, Func<DbConnection> openRaw, TextWriter log)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;
        var schedule = (await app.Services.GetRequiredService<SettingsService>().GetAsync()).ReminderDays;
        await using var connection = openRaw();
        var invoices = await DocumentsAsync(connection, """SELECT "Id", "DueDate" FROM "Invoices" WHERE "Status" = 'Open'""");
        var requests = await DocumentsAsync(connection, """SELECT "Id", "DueDate" FROM "CreditRequests" WHERE "Status" = 'Open' AND "DueDate" IS NOT NULL""");
        var clients = await ScalarAsync(connection, """SELECT COUNT(*) FROM "Clients" """);

        var invoiceId = await ScalarAsync(connection, """SELECT COALESCE(MAX("Id"), 0) FROM "Invoices" """);
        var lineId = await ScalarAsync(connection, """SELECT COALESCE(MAX("Id"), 0) FROM "InvoiceLines" """);
        var outboxId = await ScalarAsync(connection, """SELECT COALESCE(MAX("Id"), 0) FROM "Outbox" """);
        await using (var writer = await BulkWriter.OpenAsync(connection, CancellationToken.None))
        {
            await writer.BeginAsync(CancellationToken.None);
            var extra = new List<object?[]>();
            var lines = new List<object?[]>();
            for (var n = 1; invoices.Count < ReminderInvoices; n++)
            {
                var id = ++invoiceId;
                var due = today.AddDays(3 - n % 45);
                const long amount = 6000;
                // A year the generator never numbers (it starts at most eleven years back), so numbers stay unique.
                extra.Add([id, 1 + n % clients, "EUR", InvoiceStatus.Open.ToString(), InvoiceNumber.Format(2001, n), due, due.AddDays(-14),
                    now.AddDays(-20), null, null, null, amount, 0L, amount, 0L, 1]);
                lines.Add([++lineId, 1, "Maths tutoring, 60 min", 1m, amount, 0m, amount, 0L, amount, id]);
                invoices.Add((id, due));
            }
            await writer.WriteAsync(BulkTables.Invoices, extra, CancellationToken.None);
            await writer.WriteAsync(BulkTables.InvoiceLines, lines, CancellationToken.None);

            var sent = new List<object?[]>();
            var candidates = 0;
            foreach (var (kind, documents) in new[] { ("invoice", invoices), ("credit-request", requests) })
            {
                foreach (var (id, due) in documents)
                {
                    if (ReminderJob.LatestStep(schedule, due, today) is not { } step || candidates++ % 10 == 0)
                    {
                        continue;
                    }
                    var at = now.AddDays(-1);
                    sent.Add([++outboxId, "client@example.test", "Reminder", "<p>Reminder</p>", "Reminder", "reminder", ReminderJob.Key(kind, id, step),
                        "Sent", 1, at, at, at]);
                }
            }
            await writer.WriteAsync(BulkTables.Outbox, sent, CancellationToken.None);
            await writer.MoveSequencesAsync([BulkTables.Invoices, BulkTables.InvoiceLines, BulkTables.Outbox]);
            await writer.CommitAsync(CancellationToken.None);
            var due10 = candidates - sent.Count;
            log.WriteLine($"  reminders: {invoices.Count:N0} open invoices and {requests.Count:N0} open credit requests, {sent.Count:N0} reminded before, {due10:N0} due");
            return await RunJobAsync(app, JobCatalog.Reminders, "reminders_100k_invoices_s", 10, due10,
                $"{invoices.Count:N0} open invoices, {due10:N0} documents due a step, all queued", log);
        }
    }

    /// <summary>
    /// 10,000 open credit requests of 2,000 auto-charge clients whose customers and valid mandates exist at the
    /// simulator; the job stores, submits and follows up one recurring payment for each (they stay pending there, as
    /// SEPA direct debits do for days).
    /// </summary>
    public static async Task<BenchResult> AutoChargeAsync(BenchHost app, Func<DbConnection> openRaw, TextWriter log)
    {
        var settings = app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync(await settings.GetAsync() with { AutoCharge = true, AutoChargeInvoices = false }, "bench");
        var now = DateTimeOffset.UtcNow;
        await using var connection = openRaw();
        var clients = await IdsAsync(connection, $"""SELECT "Id" FROM "Clients" WHERE "AutoCharge" = {True(connection)} ORDER BY "Id" LIMIT {MandateClients}""");

        var customers = new System.Collections.Concurrent.ConcurrentBag<object?[]>();
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (clientId, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var mollie = scope.ServiceProvider.GetRequiredService<MollieClient>();
            var customer = await mollie.CreateCustomerAsync(new CreateCustomerRequest { Name = $"Client {clientId}", Email = $"client{clientId}@example.test" }, cancellationToken: ct);
            // The mandate lives at Mollie only; InvoiceHub keeps the client's customer (one mandate store).
            await mollie.CreateMandateAsync(customer.Id, new CreateMandateRequest { ConsumerName = $"Client {clientId}", ConsumerAccount = "NL55INGB0000000000" }, cancellationToken: ct);
            customers.Add([clientId, customer.Id, now]);
        });

        var open = await ScalarAsync(connection, $"""SELECT COUNT(*) FROM "CreditRequests" WHERE "Status" = 'Open' AND "ClientId" IN ({string.Join(",", clients)})""");
        var requestId = await ScalarAsync(connection, """SELECT COALESCE(MAX("Id"), 0) FROM "CreditRequests" """);
        await using (var writer = await BulkWriter.OpenAsync(connection, CancellationToken.None))
        {
            await writer.BeginAsync(CancellationToken.None);
            await writer.WriteAsync(BulkTables.MollieCustomers, customers.ToList(), CancellationToken.None);
            var extra = new List<object?[]>();
            var due = DateOnly.FromDateTime(now.UtcDateTime).AddDays(14);
            for (var n = open; n < ChargedRequests; n++)
            {
                extra.Add([++requestId, clients[n % clients.Count], "EUR", 5000L, "Prepaid lessons top-up", due, "Open", now, null, null, 1]);
            }
            await writer.WriteAsync(BulkTables.CreditRequests, extra, CancellationToken.None);
            await writer.MoveSequencesAsync([BulkTables.CreditRequests]);
            await writer.CommitAsync(CancellationToken.None);
        }
        var requests = Math.Max(open, ChargedRequests);
        log.WriteLine($"  auto-charge: {requests:N0} open credit requests of {clients.Count:N0} clients with mandates");
        return await RunJobAsync(app, JobCatalog.AutoCharge, "auto_charge_10k_s", 30, requests,
            $"{requests:N0} open credit requests, each charge started at the simulator", log);
    }

    /// <summary>One run through Hangfire, timed by its JobRun; a run that did not do all its work is reported, not counted as met.</summary>
    private static async Task<BenchResult> RunJobAsync(BenchHost app, string job, string name, double target, int expected, string note, TextWriter log)
    {
        var cpu = CpuTime.Start();
        var run = await app.Services.GetRequiredService<JobsService>().RunNowAsync(job, Limit);
        var seconds = (run.FinishedAt!.Value - run.StartedAt).TotalSeconds;
        var cpuSeconds = cpu.MillisecondsPer(1000);
        log.WriteLine($"  {job} job: {run.Outcome}, {run.Processed:N0} done, {run.Failures} failed in {seconds:0.00} s, {cpuSeconds:0.00} s CPU: {run.Message?.Split('\n')[0]}");
        var result = new BenchResult(name, seconds, "s", target, false,
            note + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; {cpuSeconds:0.0} s CPU"));
        return run.Outcome == JobOutcome.Succeeded && run.Failures == 0 && run.Processed == expected
            ? result
            : result with { Value = null, Note = $"not measured: the run ended {run.Outcome} with {run.Processed} of {expected} done, {run.Failures} failures: {run.Message}" };
    }

    private static string True(DbConnection connection) => connection is Npgsql.NpgsqlConnection ? "TRUE" : "1";

    private static async Task<List<(int Id, DateOnly Due)>> DocumentsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var documents = new List<(int, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            documents.Add((reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1)));
        }
        return documents;
    }

    private static async Task<List<int>> IdsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }

    private static async Task<int> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
