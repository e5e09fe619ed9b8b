using System.Collections.Concurrent;
using System.Diagnostics;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// A bounded loopback load test: concurrent payers press Pay Now, pay at the simulator (whose webhook reaches the
/// app over loopback) and replay the webhook themselves, for a fixed time; then the money is counted.
/// </summary>
public sealed class LoadTests
{
    private const int Payers = 50;

    /// <summary>60 s by default; INVOICEHUB_LOAD_SECONDS sets 5 to 60.</summary>
    private static TimeSpan Duration =>
        TimeSpan.FromSeconds(Math.Clamp(int.TryParse(Environment.GetEnvironmentVariable("INVOICEHUB_LOAD_SECONDS"), out var s) ? s : 60, 5, 60));

    [Fact]
    public async Task Fifty_concurrent_payers_settle_every_paid_invoice_exactly_once()
    {
        // Mollie calls from few addresses; the load here all comes from 127.0.0.1, so the per-address webhook door is opened wide.
        await using var t = await PaymentsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:WebhookPerMinute"] = "1000000" });
        var figures = new ReliabilityFigures("load", "Load", $"{Payers} concurrent payers for {Duration.TotalSeconds:0} s through Pay Now and the webhook (loopback)");
        using var http = t.App.CreateClient(new() { BaseAddress = t.App.BaseAddress });

        var paidAtMollie = new ConcurrentBag<(int InvoiceId, int PaymentId, long TotalMinor)>();
        var refusals = 0;
        var errors = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();

        async Task PayerAsync(int payer)
        {
            int? clientId = null;
            while (clock.Elapsed < Duration)
            {
                var total = 1_000 + payer * 7 + Random.Shared.Next(0, 5_000);
                try
                {
                    var (newClientId, invoiceId) = await t.CreateOpenInvoiceAsync(total, clientId);
                    clientId = newClientId;
                    var started = Stopwatch.StartNew();
                    var payment = await t.StartInvoicePaymentAsync(invoiceId);
                    latencies.Add(started.Elapsed.TotalMilliseconds);
                    figures.Operation();
                    var providerId = await t.ProviderIdOfAsync(payment.PaymentId);
                    await t.SetMollieStatusAsync(providerId, "paid");
                    paidAtMollie.Add((invoiceId, payment.PaymentId, total));
                    figures.Operation();
                    using var replay = await http.PostAsync(PaymentPaths.Webhook, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
                    figures.Check(replay.IsSuccessStatusCode, $"webhook replay → {(int)replay.StatusCode}");
                    figures.Operation();
                }
                catch (PaymentRefusedException)
                {
                    Interlocked.Increment(ref refusals);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Payers).Select(p => Task.Run(() => PayerAsync(p))));
        var elapsed = clock.Elapsed;
        var paid = paidAtMollie.ToList();
        var ids = paid.Select(p => p.InvoiceId).ToHashSet();
        await t.WaitUntilAsync(db => db.Invoices.Count(i => ids.Contains(i.Id) && i.Status == InvoiceStatus.Paid) == ids.Count,
            "every invoice paid at Mollie is paid here", TimeSpan.FromSeconds(60));

        await using var check = t.App.CreateDbContext();
        var invoices = await check.Invoices.Include(i => i.Allocations).Where(i => ids.Contains(i.Id)).ToListAsync();
        var paymentIds = paid.Select(p => p.PaymentId).ToHashSet();
        var payments = await check.Payments.Where(p => paymentIds.Contains(p.Id)).ToListAsync();
        foreach (var (invoiceId, paymentId, total) in paid)
        {
            var invoice = invoices.Single(i => i.Id == invoiceId);
            var payment = payments.Single(p => p.Id == paymentId);
            figures.Check(invoice.Allocations.Count(a => a.PaymentId == paymentId) == 1, $"invoice {invoiceId}: payment {paymentId} allocated {invoice.Allocations.Count(a => a.PaymentId == paymentId)} times");
            figures.Check(invoice.AmountPaidMinor == total && invoice.TotalMinor == total, $"invoice {invoiceId}: paid {invoice.AmountPaidMinor} of {invoice.TotalMinor}");
            figures.Check(payment.Status == PaymentStatus.Paid && payment.IsRecorded && payment.AmountMinor == total, $"payment {paymentId}: {payment.Status}, recorded {payment.IsRecorded}, {payment.AmountMinor}");
        }

        // Conservation: what Mollie took equals what the invoices received; nothing spilled onto balances; no invoice paid twice.
        var takenAtMollie = paid.Sum(p => p.TotalMinor);
        figures.Check(payments.Where(p => p.Status == PaymentStatus.Paid).Sum(p => p.AmountMinor) == takenAtMollie, "paid payments do not add up to what Mollie took");
        figures.Check(invoices.Sum(i => i.AmountPaidMinor) == takenAtMollie, "invoices received a different sum than Mollie took");
        var clientIds = invoices.Select(i => i.ClientId).ToHashSet();
        figures.Check(await check.Clients.Where(c => clientIds.Contains(c.Id)).AllAsync(c => c.BalanceMinor == 0), "a client's balance moved");
        figures.Check(!await check.Payments.AnyAsync(p => p.Provider == PaymentProvider.Mollie && p.Status == PaymentStatus.Paid && p.InvoiceId != null && !paymentIds.Contains(p.Id)),
            "a payment nobody made was settled");
        foreach (var error in errors.Distinct().Take(20))
        {
            figures.Check(false, "operation failed: " + error);
        }

        var sorted = latencies.OrderBy(l => l).ToList();
        figures.Detail("payers", Payers);
        figures.Detail("seconds", Math.Round(elapsed.TotalSeconds, 1));
        figures.Detail("invoices paid", paid.Count);
        figures.Detail("euros taken", (takenAtMollie / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        figures.Detail("Pay Now refusals (payer told to retry)", refusals);
        figures.Detail("failed operations", errors.Count);
        figures.Detail("webhook deliveries by the simulator", t.Simulator.State.WebhookDeliveries.Count);
        figures.Detail("Pay Now p50 ms", sorted.Count == 0 ? 0 : Math.Round(sorted[sorted.Count / 2]));
        figures.Detail("Pay Now p95 ms", sorted.Count == 0 ? 0 : Math.Round(sorted[(int)(sorted.Count * 0.95)]));
        figures.Check(paid.Count >= Payers, $"only {paid.Count} payments in {elapsed.TotalSeconds:0} s");
        figures.WriteAndAssertClean();
    }
}
