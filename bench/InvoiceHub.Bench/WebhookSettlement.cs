using System.Data.Common;
using System.Threading.Channels;
using InvoiceHub.Domain.Payments;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;

namespace InvoiceHub.Bench;

/// <summary>
/// Mollie webhooks through the real endpoint on loopback: payments started through <see cref="StartOnlinePayment"/>
/// against the simulator, marked paid there (its own webhooks dropped), then <c>id=tr_…</c> posted by 16
/// concurrent senders; each webhook makes the app fetch the payment from the simulator and settle the invoice.
/// Only payments found Paid in the database afterwards count.
/// </summary>
public static class WebhookSettlement
{
    public const int Senders = 16;

    public const int WarmUpLimit = 300;

    public static async Task<BenchResult> MeasureAsync(BenchHost app, MollieSimulatorHost simulator, Func<DbConnection> openRaw, int count, int minWarmUp, TextWriter log)
    {
        var settings = app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync(await settings.GetAsync() with { OnlineInvoicePayment = true }, "bench");
        var invoices = await OpenInvoicesAsync(openRaw, count + WarmUpLimit);

        // Arranged untimed: local payments and their Mollie counterparts, paid at Mollie.
        var started = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(invoices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (invoiceId, ct) =>
        {
            var payment = await app.Services.GetRequiredService<StartOnlinePayment>()
                .HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Card, PaymentInitiator.Client, app.BaseAddress, cancellationToken: ct);
            started.Add(payment.PaymentId);
        });
        var providerIds = await ProviderIdsAsync(openRaw, started);
        simulator.State.Faults.LoseNextWebhooks(providerIds.Count);
        foreach (var providerId in providerIds)
        {
            await simulator.State.SetPaymentStatusAsync(providerId, "paid");
        }

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        // Warm-up: webhooks for the JIT and the connection pools until the JIT has settled, not counted.
        var warmUp = await Samples.WarmUpAsync(minWarmUp, WarmUpLimit, i => PostAsync(http, providerIds[i]));
        var timed = providerIds.Skip(warmUp).Take(count).ToList();
        var queue = Channel.CreateUnbounded<string>();
        foreach (var id in timed)
        {
            queue.Writer.TryWrite(id);
        }
        queue.Writer.Complete();
        var cpu = CpuTime.Start();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            await foreach (var id in queue.Reader.ReadAllAsync())
            {
                await PostAsync(http, id);
            }
        }));
        clock.Stop();

        var settled = await CountPaidAsync(openRaw, timed);
        var perSecond = settled / clock.Elapsed.TotalSeconds;
        var cpuPerWebhook = cpu.MillisecondsPer(timed.Count);
        log.WriteLine($"  webhooks: {timed.Count} sent by {Senders} senders in {clock.Elapsed.TotalSeconds:0.00} s after {warmUp} to warm up, {settled} settled, {cpuPerWebhook:0.00} ms CPU each (app, simulator and senders)");
        return new BenchResult("webhook_settle_per_s", perSecond, "/s", 300, true,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{settled} of {timed.Count} settled, {Senders} senders, after {warmUp} to warm up; {cpuPerWebhook:0.00} ms CPU per webhook (app, simulator and senders)"));
    }

    private static async Task PostAsync(HttpClient http, string providerId)
    {
        using var response = await http.PostAsync(PaymentPaths.Webhook.TrimStart('/'),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<List<int>> OpenInvoicesAsync(Func<DbConnection> openRaw, int count)
    {
        await using var connection = openRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "Id" FROM "Invoices" WHERE "Status" = 'Open' AND "AmountPaidMinor" = 0 ORDER BY "Id" DESC LIMIT {count}""";
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }
        return ids;
    }

    private static async Task<List<string>> ProviderIdsAsync(Func<DbConnection> openRaw, IEnumerable<int> paymentIds)
    {
        await using var connection = openRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "ProviderPaymentId" FROM "Payments" WHERE "ProviderPaymentId" IS NOT NULL AND "Id" IN ({string.Join(",", paymentIds)})""";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static async Task<int> CountPaidAsync(Func<DbConnection> openRaw, IReadOnlyList<string> providerIds)
    {
        await using var connection = openRaw();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "Payments" WHERE "Status" = 'Paid' AND "ProviderPaymentId" IN ({string.Join(",", providerIds.Select(id => $"'{id.Replace("'", "''", StringComparison.Ordinal)}'"))})""";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
