using System.Net;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Jobs;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// Faults injected with the simulator's switches, a dead SMTP server and a locked SQLite file: no document is
/// settled twice, no payment is lost, no email goes twice or not at all, and the payer is told and can retry.
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Mollie_errors_rate_limits_and_timeouts_tell_the_payer_and_a_retry_succeeds()
    {
        await using var t = await PaymentsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Mollie:Timeout"] = "00:00:00.500" });
        var figures = new ReliabilityFigures("faults-mollie-api", "Faults", "Mollie API 5xx, 429 and timeouts when a payer presses Pay Now");
        var faults = t.Simulator.State.Faults;
        var switches = new (string Name, Action Inject)[]
        {
            ("503 on every attempt", () => faults.FailNextCalls(20)),
            ("500 on every attempt", () => faults.FailNextCalls(20, 500)),
            ("429 on every attempt", () => faults.RateLimitNextCalls(20, TimeSpan.FromMilliseconds(10))),
            ("answer after the timeout", () => faults.SlowDownNextCalls(20, TimeSpan.FromSeconds(2))),
            ("one 503, then fine", () => faults.FailNextCalls(1)),
            ("one 429, then fine", () => faults.RateLimitNextCalls(1, TimeSpan.FromMilliseconds(10))),
        };

        foreach (var (name, inject) in switches)
        {
            var (_, invoiceId) = await t.CreateOpenInvoiceAsync(4_200);
            figures.Fault();
            inject();
            StartedPayment? started = null;
            try
            {
                started = await t.StartInvoicePaymentAsync(invoiceId);
            }
            catch (PaymentRefusedException refused)
            {
                figures.Check(refused.Message.Contains("try again", StringComparison.OrdinalIgnoreCase), $"{name}: the payer's message does not offer a retry: {refused.Message}");
            }

            faults.Reset();
            if (started is null)
            {
                // The payer tries again at once and gets a checkout page.
                started = await t.StartInvoicePaymentAsync(invoiceId);
            }
            figures.Operation();
            await using var db = t.App.CreateDbContext();
            var open = db.Payments.Count(p => p.InvoiceId == invoiceId && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending));
            figures.Check(open == 1, $"{name}: {open} open payments for one invoice after the retry");
            figures.Check(db.Payments.Single(p => p.Id == started.PaymentId).ProviderPaymentId is not null, $"{name}: the retried payment has no Mollie id");
        }
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Duplicate_out_of_order_and_lost_webhooks_settle_each_payment_exactly_once()
    {
        await using var t = await PaymentsTestApp.StartAsync();
        var figures = new ReliabilityFigures("faults-webhooks", "Faults", "Duplicate, out-of-order and lost Mollie webhooks");
        var faults = t.Simulator.State.Faults;
        using var http = t.App.CreateClient(new() { BaseAddress = t.App.BaseAddress });

        foreach (var kind in new[] { "duplicate", "out-of-order", "lost", "replayed" })
        {
            var (clientId, invoiceId) = await t.CreateOpenInvoiceAsync(5_500);
            var started = await t.StartInvoicePaymentAsync(invoiceId);
            var providerId = await t.ProviderIdOfAsync(started.PaymentId);
            figures.Fault();
            switch (kind)
            {
                case "duplicate":
                    faults.DuplicateNextWebhooks(1);
                    await t.SetMollieStatusAsync(providerId, "paid");
                    await WaitForDeliveriesAsync(t, providerId, 2);
                    break;
                case "out-of-order":
                    // The webhook is late: the payer's return page settles first, the webhook arrives after it.
                    faults.DelayNextWebhooks(1, TimeSpan.FromMilliseconds(600));
                    await t.SetMollieStatusAsync(providerId, "paid");
                    using (await http.GetAsync(OnlinePayments.ReturnPath(started.PaymentId)))
                    {
                        figures.Check(t.Simulator.State.WebhookDeliveries.All(d => d.PaymentId != providerId), "out-of-order: the delayed webhook was not late");
                    }
                    await WaitForDeliveriesAsync(t, providerId, 1);
                    break;
                case "lost":
                    faults.LoseNextWebhooks(1);
                    await t.SetMollieStatusAsync(providerId, "paid");
                    // The payer's return page asks Mollie itself.
                    var html = await http.GetStringAsync(OnlinePayments.ReturnPath(started.PaymentId));
                    figures.Check(html.Contains("data-status=\"paid\"", StringComparison.Ordinal), "lost webhook: the return page does not show paid");
                    break;
                default:
                    await t.SetMollieStatusAsync(providerId, "paid");
                    await t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the invoice is paid");
                    // An attacker (or Mollie) replays the webhook twenty times at once.
                    await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
                    {
                        using var response = await http.PostAsync(OnlinePayments.WebhookPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
                        figures.Check(response.StatusCode == HttpStatusCode.OK, $"replayed webhook → {(int)response.StatusCode}");
                    }));
                    break;
            }

            await t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, $"{kind}: the invoice is paid");
            await using var check = t.App.CreateDbContext();
            var invoice = await check.Invoices.Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
            var allocations = invoice.Allocations.Count(a => a.PaymentId == started.PaymentId);
            figures.Check(allocations == 1, $"{kind}: the payment was allocated {allocations} times");
            figures.Check(invoice.AmountPaidMinor == invoice.TotalMinor, $"{kind}: paid {invoice.AmountPaidMinor} of {invoice.TotalMinor}");
            var payment = await check.Payments.SingleAsync(p => p.Id == started.PaymentId);
            figures.Check(payment.Status == PaymentStatus.Paid && payment.IsRecorded, $"{kind}: payment is {payment.Status}, recorded {payment.IsRecorded}");
            var client = await check.Clients.SingleAsync(c => c.Id == clientId);
            figures.Check(client.BalanceMinor == 0, $"{kind}: the client's balance moved to {client.BalanceMinor}");
            figures.Operation();
        }
        figures.Detail("webhook deliveries seen by the simulator", t.Simulator.State.WebhookDeliveries.Count);
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task A_dead_SMTP_server_drops_no_email_and_sends_none_twice()
    {
        const int Emails = 12;
        var figures = new ReliabilityFigures("faults-smtp", "Faults", "SMTP server down, then back");
        var port = SmtpTestServer.FreePort();
        await using var app = await JobsTestApp.StartAsync(new Dictionary<string, string?>
        {
            ["Jobs:Smtp:Host"] = "127.0.0.1",
            ["Jobs:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:Smtp:From"] = "InvoiceHub <billing@invoicehub.test>",
            ["Jobs:Smtp:Timeout"] = "00:00:05",
        });
        for (var i = 1; i <= Emails; i++)
        {
            await app.EnqueueAsync(new EmailMessage($"payer{i}@example.test", $"Receipt {i}", $"<p>Receipt {i}</p>", $"Receipt {i}", "receipt"));
        }

        figures.Fault();
        await app.RunAsync(JobCatalog.EmailDelivery);
        figures.Check((await app.OutboxAsync()).All(m => m.Status == OutboxStatus.Pending), "an email left the outbox while SMTP was down");

        await using var smtp = await SmtpTestServer.StartAsync(port);
        for (var round = 0; round < 4; round++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(30));
            await app.RunAsync(JobCatalog.EmailDelivery);
            figures.Operation();
        }

        var received = smtp.Messages();
        for (var i = 1; i <= Emails; i++)
        {
            var copies = received.Count(m => m.Contains($"Subject: Receipt {i}\r", StringComparison.Ordinal) || m.Contains($"Subject: Receipt {i}\n", StringComparison.Ordinal));
            figures.Check(copies == 1, $"Receipt {i} arrived {copies} times");
        }
        figures.Check((await app.OutboxAsync()).All(m => m.Status == OutboxStatus.Sent), "an email is still unsent after SMTP came back");
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task A_busy_SQLite_database_delays_a_payment_but_records_it_once()
    {
        await using var t = await HardeningApp.StartAsync();
        var figures = new ReliabilityFigures("faults-database", "Faults", "Database busy: another process holds the SQLite write lock");
        var api = t.Callers["key-finance"];
        var invoicePath = $"/api/v1/invoices/{t.A.InvoiceId}/payments";

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var locker = new SqliteConnection(t.App.ConnectionString);
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }
            figures.Fault();

            var before = await CountPaymentsAsync(t, t.A.InvoiceId);
            var request = api.PostAsync(invoicePath, new StringContent(
                "{\"amount\":{\"currency\":\"EUR\",\"value\":\"1.00\"},\"method\":\"cash\",\"reference\":\"busy\",\"receivedOn\":\"2026-11-01\"}",
                System.Text.Encoding.UTF8, "application/json"));
            // The lock is held until the request is certainly waiting on it, then released, as a backup or a second process would.
            var held = await Task.WhenAny(request, Task.Delay(TimeSpan.FromMilliseconds(700)));
            figures.Check(held != request, "the payment went through while another process held the write lock");
            await using (var commit = locker.CreateCommand())
            {
                commit.CommandText = "COMMIT;";
                await commit.ExecuteNonQueryAsync();
            }

            using var response = await request;
            var status = (int)response.StatusCode;
            figures.Check(status is 201 or 503 or 409, $"busy database → {status} {await response.Content.ReadAsStringAsync()}");
            var after = await CountPaymentsAsync(t, t.A.InvoiceId);
            figures.Check(after - before == (status == 201 ? 1 : 0), $"busy database: {after - before} payments recorded for answer {status}");
            figures.Operation();
        }
        figures.WriteAndAssertClean();
    }

    private static async Task<int> CountPaymentsAsync(HardeningApp t, int invoiceId)
    {
        await using var db = t.App.CreateDbContext();
        return await db.Payments.CountAsync(p => p.InvoiceId == invoiceId && p.Provider == PaymentProvider.Offline);
    }

    private static async Task WaitForDeliveriesAsync(PaymentsTestApp t, string providerId, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (t.Simulator.State.WebhookDeliveries.Count(d => d.PaymentId == providerId && d.ResponseStatus is >= 200 and < 300) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the simulator delivered fewer than {count} webhooks for {providerId}: "
                + string.Join("; ", t.Simulator.State.WebhookDeliveries.Where(d => d.PaymentId == providerId).Select(d => $"{d.PaymentStatus} {d.Fault} {d.ResponseStatus} {d.Error}")));
            await Task.Delay(50);
        }
    }
}
