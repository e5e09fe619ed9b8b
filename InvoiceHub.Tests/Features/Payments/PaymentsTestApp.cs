using System.Net.Http.Json;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Credit;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.MollieSimulator;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>
/// InvoiceHub on Kestrel (so the simulator's webhooks reach it) with Mollie pointed at a standalone simulator,
/// plus the arranging and waiting the payment tests share.
/// </summary>
public sealed class PaymentsTestApp : IAsyncDisposable
{
    private PaymentsTestApp(InvoiceHubFactory app, MollieSimulatorHost simulator)
    {
        App = app;
        Simulator = simulator;
        Controls = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    public InvoiceHubFactory App { get; }

    public MollieSimulatorHost Simulator { get; }

    /// <summary>Plain HTTP to the simulator's checkout pages and <c>_sim/</c> controls.</summary>
    public HttpClient Controls { get; }

    /// <param name="simulatorClock">The simulator's clock, for tests that let payments expire or refunds move on; the app keeps real time.</param>
    public static async Task<PaymentsTestApp> StartAsync(bool seedDemoData = false, bool onlinePayment = true, PostgresServer? postgres = null, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = true,
        DatabaseProvider? provider = null, TimeProvider? simulatorClock = null)
    {
        var simulator = await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = null, clock: simulatorClock);
        var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Kestrel = kestrel,
            Provider = provider ?? (postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres),
            Postgres = postgres,
            SeedDemoData = seedDemoData,
            Settings = new Dictionary<string, string?>
            {
                ["Mollie:BaseAddress"] = simulator.ApiBaseAddress.ToString(),
                ["Mollie:ApiKey"] = "test_invoicehub_payments_tests",
                ["Mollie:RetryBaseDelay"] = "00:00:00.050",
                ["MollieSimulator:Enabled"] = "false",
                ["DemoData:Clients"] = "3",
            },
        }.WithSettings(settings));
        var testApp = new PaymentsTestApp(app, simulator);
        await testApp.SetOnlinePaymentAsync(onlinePayment);
        return testApp;
    }

    public async Task SetOnlinePaymentAsync(bool on)
    {
        var settings = App.Services.GetRequiredService<SettingsService>();
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { OnlineInvoicePayment = on }, "tests");
    }

    public async Task SetAutomaticallyMarkInvoicesPaidAsync(bool on)
    {
        var settings = App.Services.GetRequiredService<SettingsService>();
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { AutomaticallyMarkInvoicesPaid = on }, "tests");
    }

    /// <summary>Staff record cash covering the whole invoice, as if it arrived while the client was at checkout.</summary>
    public Task PayOfflineAsync(int invoiceId) =>
        App.Services.GetRequiredService<MoneyTransaction>().RunAsync("arrange offline payment", async (db, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var invoice = db.Invoices.Single(i => i.Id == invoiceId);
            var client = db.Clients.Single(c => c.Id == invoice.ClientId);
            var payment = Payment.RecordOffline(client, invoice.StillToPay, PaymentMethod.Cash, DateOnly.FromDateTime(now.UtcDateTime), now, "till", invoice);
            db.Payments.Add(payment);
            CreditRules.RecordPayment(client, invoice, payment, autoMarkPaid: false, [], now);
            await db.SaveChangesAsync(ct);
        });

    public async Task<int> ClientIdOfAsync(string email)
    {
        await using var db = App.CreateDbContext();
        return db.Clients.Single(c => c.Email == email).Id;
    }

    public async Task<string> InvoiceNumberOfAsync(int invoiceId)
    {
        await using var db = App.CreateDbContext();
        return db.Invoices.Single(i => i.Id == invoiceId).Number!;
    }

    public Task<StartedPayment> StartInvoicePaymentAsync(int invoiceId) =>
        Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, PaymentMethod.Card, PaymentInitiator.Client, App.BaseAddress);

    /// <summary>One of the app's use-case handlers, as pages and jobs receive it.</summary>
    public T Handler<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A new client with one issued, open invoice of <paramref name="totalMinor"/> cents.</summary>
    public async Task<(int ClientId, int InvoiceId)> CreateOpenInvoiceAsync(long totalMinor = 12_500, int? clientId = null)
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return await App.Services.GetRequiredService<MoneyTransaction>().RunAsync("arrange invoice", async (db, ct) =>
        {
            var client = clientId is { } id ? db.Clients.Single(c => c.Id == id) : await NewClientAsync(db, now, ct);
            var invoice = Invoice.CreateDraft(client, today.AddDays(14), now);
            invoice.AddLine("Tutoring, 5 lessons", 1m, totalMinor, 0m);
            invoice.Issue(await InvoiceNumbering.NextAsync(db, today.Year, ct), today, now);
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(ct);
            return (client.Id, invoice.Id);
        });
    }

    public async Task<(int ClientId, int CreditRequestId)> CreateOpenCreditRequestAsync(long amountMinor)
    {
        var now = DateTimeOffset.UtcNow;
        return await App.Services.GetRequiredService<MoneyTransaction>().RunAsync("arrange credit request", async (db, ct) =>
        {
            var client = await NewClientAsync(db, now, ct);
            var request = CreditRequest.Create(client, new Money(amountMinor, Currency.EUR), "Top-up for next term", null, now);
            db.CreditRequests.Add(request);
            await db.SaveChangesAsync(ct);
            return (client.Id, request.Id);
        });
    }

    private static async Task<Client> NewClientAsync(InvoiceHubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var client = Client.Create("Pat Payer", $"pat-{Guid.NewGuid():N}@example.test", Currency.EUR, now);
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>Does at the simulator what the payer does at checkout: the payment moves to <paramref name="status"/>.</summary>
    public async Task SetMollieStatusAsync(string providerPaymentId, string status)
    {
        using var response = await Controls.PostAsync($"_sim/payments/{providerPaymentId}/status",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = status }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A new client's invoice, paid by card at the simulator's checkout and settled through the webhook.</summary>
    public async Task<(int InvoiceId, int PaymentId, string ProviderId)> PayInvoiceOnlineAsync(long totalMinor)
    {
        var (_, invoiceId) = await CreateOpenInvoiceAsync(totalMinor);
        var started = await StartInvoicePaymentAsync(invoiceId);
        var providerId = await ProviderIdOfAsync(started.PaymentId);
        await SetMollieStatusAsync(providerId, "paid");
        await WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");
        return (invoiceId, started.PaymentId, providerId);
    }

    /// <summary>Moves a refund on at the simulator, which then calls the payment's webhook.</summary>
    public async Task SetMollieRefundStatusAsync(string providerRefundId, string status)
    {
        using var response = await Controls.PostAsJsonAsync($"_sim/refunds/{providerRefundId}/status", new { status });
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> ProviderIdOfAsync(int paymentId)
    {
        await using var db = App.CreateDbContext();
        return db.Payments.Single(p => p.Id == paymentId).ProviderPaymentId
               ?? throw new InvalidOperationException($"Payment {paymentId} has no Mollie id.");
    }

    /// <summary>Polls the app's database until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the timeout.</summary>
    public async Task WaitUntilAsync(Func<InvoiceHubDbContext, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await using (var db = App.CreateDbContext())
            {
                if (condition(db))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Controls.Dispose();
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

internal static class InvoiceHubOptionsExtensions
{
    public static InvoiceHubOptions WithSettings(this InvoiceHubOptions options, IReadOnlyDictionary<string, string?>? extra) =>
        extra is null ? options : options with { Settings = options.Settings.Concat(extra).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value) };
}
