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
                    using (await http.GetAsync(PaymentPaths.Return(started.PaymentId)))
                    {
                        figures.Check(t.Simulator.State.WebhookDeliveries.All(d => d.PaymentId != providerId), "out-of-order: the delayed webhook was not late");
                    }
                    await WaitForDeliveriesAsync(t, providerId, 1);
                    break;
                case "lost":
                    faults.LoseNextWebhooks(1);
                    await t.SetMollieStatusAsync(providerId, "paid");
                    // The payer's return page asks Mollie itself.
                    var html = await http.GetStringAsync(PaymentPaths.Return(started.PaymentId));
                    figures.Check(html.Contains("data-status=\"paid\"", StringComparison.Ordinal), "lost webhook: the return page does not show paid");
                    break;
                default:
                    await t.SetMollieStatusAsync(providerId, "paid");
                    await t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the invoice is paid");
                    // An attacker (or Mollie) replays the webhook twenty times at once.
                    await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
                    {
                        using var response = await http.PostAsync(PaymentPaths.Webhook, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
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
        var figures = new ReliabilityFigures("faults-database", "Faults", "Database busy: another process holds the SQLite write lock shorter than the busy timeout");
        var api = t.Callers["key-finance"];
        var invoicePath = $"/api/v1/invoices/{t.A.InvoiceId}/payments";

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var locker = await LockDatabaseAsync(t.App.ConnectionString);
            figures.Fault();

            var before = await CountPaymentsAsync(t, t.A.InvoiceId);
            var request = api.PostAsync(invoicePath, CashPayment("1.00", "busy"));
            // The lock is held until the request is certainly waiting on it, then released, as a backup or a second process would.
            var held = await Task.WhenAny(request, Task.Delay(TimeSpan.FromMilliseconds(700)));
            figures.Check(held != request, "the payment went through while another process held the write lock");
            await ReleaseAsync(locker);

            using var response = await request;
            var status = (int)response.StatusCode;
            figures.Check(status == 201, $"busy database → {status} {await response.Content.ReadAsStringAsync()}");
            var after = await CountPaymentsAsync(t, t.A.InvoiceId);
            figures.Check(after - before == 1, $"busy database: {after - before} payments recorded for answer {status}");
            figures.Operation();
        }
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task A_write_lock_held_past_the_busy_timeout_answers_503_with_retry_after_and_the_retry_records_once()
    {
        await using var t = await HardeningApp.StartAsync(new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" });
        var figures = new ReliabilityFigures("faults-database-timeout", "Faults", "Database busy past the busy timeout: another process keeps the SQLite write lock");
        var api = t.Callers["key-finance"];
        var operations = new (string Name, string Path, Func<HttpContent> Body)[]
        {
            ("invoice payment", $"/api/v1/invoices/{t.A.InvoiceId}/payments", () => CashPayment("2.00", "locked-invoice")),
            ("credit-request payment", $"/api/v1/credit-requests/{t.B.CreditRequestId}/payments", () => CashPayment("987.76", "locked-request")),
            ("balance adjustment", $"/api/v1/clients/{t.B.ClientId}/balance-adjustments",
                () => new StringContent("{\"amount\":{\"currency\":\"EUR\",\"value\":\"4.00\"},\"reason\":\"locked\"}", System.Text.Encoding.UTF8, "application/json")),
        };

        foreach (var (name, path, body) in operations)
        {
            var before = await t.MoneySnapshotAsync();
            await using (var locker = await LockDatabaseAsync(t.App.ConnectionString))
            {
                figures.Fault();
                var started = System.Diagnostics.Stopwatch.StartNew();
                var request = api.PostAsync(path, body());
                // The answer comes while the lock is still held: the user is not kept waiting for it.
                var answered = await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(20)));
                figures.Check(answered == request, $"{name}: no answer within 20 s while the lock was held");
                using var response = await request;
                var problem = await response.Content.ReadAsStringAsync();
                figures.Check(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name}: locked database → {(int)response.StatusCode} {problem}");
                figures.Check(response.Content.Headers.ContentType?.MediaType == "application/problem+json" && problem.Contains("try again", StringComparison.OrdinalIgnoreCase),
                    $"{name}: no clear problem details: {problem}");
                figures.Check(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"{name}: no Retry-After on the 503");
                figures.Check(started.Elapsed < TimeSpan.FromSeconds(10), $"{name}: the refusal took {started.Elapsed.TotalSeconds:0.0} s with a 1 s busy timeout");
                figures.Detail($"{name}: seconds until the 503", Math.Round(started.Elapsed.TotalSeconds, 1));
                await ReleaseAsync(locker);
            }
            figures.Check(before == await t.MoneySnapshotAsync(), $"{name}: the refused operation wrote something");

            // The user retries once the lock is gone: it goes through, exactly once.
            using var retry = await api.PostAsync(path, body());
            figures.Check(retry.StatusCode == HttpStatusCode.Created || retry.StatusCode == HttpStatusCode.OK,
                $"{name}: retry after the lock → {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            var after = await t.MoneySnapshotAsync();
            figures.Check(after != before, $"{name}: the retry changed nothing");
            figures.Operation(2);
        }

        await using (var db = t.App.CreateDbContext())
        {
            figures.Check(await db.Payments.CountAsync(p => p.Reference == "locked-invoice") == 1, "the invoice payment was recorded other than once");
            figures.Check(await db.Payments.CountAsync(p => p.Reference == "locked-request") == 1, "the credit-request payment was recorded other than once");
        }
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task A_settings_change_while_the_write_lock_is_held_answers_503_changes_nothing_and_the_retry_saves_it()
    {
        await using var t = await HardeningApp.StartAsync(new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" });
        var figures = new ReliabilityFigures("faults-database-timeout-settings", "Faults", "Database busy past the busy timeout during a save outside the money transactions (settings)");
        var api = t.Callers["key-admin"];
        static StringContent Settings(bool autoCharge) => new(
            $"{{\"onlineInvoicePayment\":true,\"clientLogin\":true,\"automaticallyMarkInvoicesPaid\":true,\"autoCharge\":{(autoCharge ? "true" : "false")}}}",
            System.Text.Encoding.UTF8, "application/json");
        async Task<bool> AutoChargeAsync()
        {
            await using var db = t.App.CreateDbContext();
            return (await db.Settings.AsNoTracking().SingleAsync()).AutoCharge;
        }
        var before = await AutoChargeAsync();

        await using (var locker = await LockDatabaseAsync(t.App.ConnectionString))
        {
            figures.Fault();
            using var response = await api.PutAsync("/api/v1/settings", Settings(!before));
            var problem = await response.Content.ReadAsStringAsync();
            figures.Check(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"settings: locked database → {(int)response.StatusCode} {problem}");
            figures.Check(problem.Contains("try again", StringComparison.OrdinalIgnoreCase), $"settings: no clear problem details: {problem}");
            figures.Check(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "settings: no Retry-After on the 503");
            figures.Operation();
            await ReleaseAsync(locker);
        }
        figures.Check(await AutoChargeAsync() == before, "settings: the refused change was saved");

        using var retry = await api.PutAsync("/api/v1/settings", Settings(!before));
        figures.Check(retry.IsSuccessStatusCode, $"settings: retry after the lock → {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
        figures.Check(await AutoChargeAsync() != before, "settings: the retry did not save the change");
        figures.Operation();
        figures.WriteAndAssertClean();
    }

    private static StringContent CashPayment(string euros, string reference) => new(
        $"{{\"amount\":{{\"currency\":\"EUR\",\"value\":\"{euros}\"}},\"method\":\"cash\",\"reference\":\"{reference}\",\"receivedOn\":\"2026-11-01\"}}",
        System.Text.Encoding.UTF8, "application/json");

    /// <summary>A second connection takes the write lock, as a backup tool or a second process would.</summary>
    internal static async Task<SqliteConnection> LockDatabaseAsync(string connectionString)
    {
        var locker = new SqliteConnection(connectionString);
        await locker.OpenAsync();
        await using var begin = locker.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return locker;
    }

    internal static async Task ReleaseAsync(SqliteConnection locker)
    {
        await using var commit = locker.CreateCommand();
        commit.CommandText = "COMMIT;";
        await commit.ExecuteNonQueryAsync();
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
