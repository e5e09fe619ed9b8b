using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.CreditRequests;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Jobs.AutoCharge;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Integrations.Mollie;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class AutoChargeJobTests
{
    [Fact]
    public async Task An_open_credit_request_is_charged_once_and_the_paid_charge_goes_to_the_balance()
    {
        await using var app = await AutoChargeApp.StartAsync();
        var client = await app.ClientWithMandateAsync();
        var request = await app.CreditRequestAsync(client, 5000);

        var first = await app.App.RunAsync(JobCatalog.AutoCharge);
        var second = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains("1 charges started", first.Message);
        Assert.Contains("0 charges started", second.Message);
        var attempt = Assert.Single(await app.AttemptsAsync());
        Assert.Equal(AutoChargeAttempt.Key("credit-request", request, 1), attempt.IdempotencyKey);
        Assert.Equal(AttemptStatus.Submitted, attempt.Status);
        Assert.Equal(1, app.App.Simulator!.State.PaymentCount);
        Assert.Equal("pending", app.App.Simulator.State.PaymentStatusOf(attempt.ProviderPaymentId!));

        await app.SettleAsync(attempt.ProviderPaymentId!);
        var settled = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains("1 paid", settled.Message);
        await using var db = app.App.Factory.CreateDbContext();
        Assert.Equal(CreditRequestStatus.Paid, (await db.CreditRequests.SingleAsync(r => r.Id == request)).Status);
        Assert.Equal(5000, (await db.Clients.SingleAsync(c => c.Id == client)).BalanceMinor);
        var payment = await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId);
        Assert.Equal(PaymentInitiator.AutoCharge, payment.InitiatedBy);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
    }

    [Theory]
    [InlineData(PayableKind.CreditRequest, "autocharge:credit-request:12:attempt:2", "Credit request 12 (automatic charge)")]
    [InlineData(PayableKind.Invoice, "autocharge:invoice:12:attempt:2", "Invoice 12 (automatic charge)")]
    public void A_stored_attempt_is_sent_with_the_key_description_and_metadata_earlier_versions_sent(PayableKind kind, string key, string description)
    {
        // Mollie refuses an idempotency key repeated with other parameters: a resumed attempt must send what it first sent.
        var attempt = new AutoChargeAttempt(kind, 12, 2, 40, DateTimeOffset.UnixEpoch);

        Assert.Equal(key, attempt.IdempotencyKey);
        Assert.Equal(kind, attempt.Kind);
        Assert.Equal(description, attempt.Description);
        Assert.Equal($$"""{"paymentId":40,"autoCharge":"{{key}}"}""", attempt.Metadata.GetRawText());
    }

    [Fact]
    public async Task Many_open_credit_requests_of_several_clients_are_each_charged_once_in_one_run()
    {
        await using var app = await AutoChargeApp.StartAsync();
        var clients = new List<int>();
        for (var c = 0; c < 4; c++)
        {
            clients.Add(await app.ClientWithMandateAsync($"Client {c}", $"client{c}@example.test"));
        }
        var requests = new List<int>();
        for (var r = 0; r < 3 * AutoChargeJob.Concurrency; r++)
        {
            requests.Add(await app.CreditRequestAsync(clients[r % clients.Count], 1000 + r * 100));
        }

        var first = await app.App.RunAsync(JobCatalog.AutoCharge);
        var second = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains($"{requests.Count} charges started", first.Message);
        Assert.Contains("0 charges started", second.Message);
        var attempts = await app.AttemptsAsync();
        Assert.Equal(requests.Order(), attempts.Select(a => a.DocumentId).Order());
        Assert.All(attempts, a => Assert.Equal(AttemptStatus.Submitted, a.Status));
        Assert.Equal(requests.Count, app.App.Simulator!.State.PaymentCount);
        await using var db = app.App.Factory.CreateDbContext();
        var payments = await db.Payments.AsNoTracking().Where(p => p.CreditRequestId != null).ToListAsync();
        Assert.Equal(requests.Count, payments.Count);
        Assert.All(payments, p => Assert.Equal(PaymentStatus.Pending, p.Status));
        Assert.All(payments, p => Assert.Equal(1000 + requests.IndexOf(p.CreditRequestId!.Value) * 100, p.AmountMinor));
        Assert.Equal(requests.Count, payments.Select(p => p.ProviderPaymentId).Distinct().Count());
    }

    [Fact]
    public async Task A_run_stores_and_records_its_charges_a_batch_at_a_time_not_two_transactions_per_document()
    {
        await using var app = await AutoChargeApp.StartAsync();
        var client = await app.ClientWithMandateAsync();
        const int count = 3 * AutoChargeJob.BatchSize;
        for (var r = 0; r < count; r++)
        {
            await app.CreditRequestAsync(client, 1000 + r);
        }
        await using var probe = app.App.Factory.CreateDbContext();
        using var commits = new CommitCounter(probe.Database.GetDbConnection().DataSource);

        var run = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains($"{count} charges started", run.Message);
        Assert.All(await app.AttemptsAsync(), a => Assert.Equal(AttemptStatus.Submitted, a.Status));
        // Two per batch plus the run's own bookkeeping; one document at a time was 2 x 75.
        Assert.InRange(commits.Count, 2 * 3, 2 * 3 + 6);
    }

    /// <summary>EF transactions committed on one database file, seen through EF's diagnostic events (other tests' apps use other files).</summary>
    private sealed class CommitCounter : IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _dataSource;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommitCounter(string dataSource)
        {
            _dataSource = dataSource;
            _subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(System.Diagnostics.DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.TransactionCommitted.Name
                && value.Value is Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData { Context: { } context }
                && context.Database.GetDbConnection().DataSource == _dataSource)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    [Fact]
    public async Task A_failing_charge_is_retried_after_1_3_and_7_days_then_the_client_and_Finance_are_emailed()
    {
        await using var app = await AutoChargeApp.StartAsync();
        await app.FinanceUserAsync("fiona@invoicehub.test");
        var client = await app.ClientWithMandateAsync();
        var request = await app.CreditRequestAsync(client, 5013);

        foreach (var waitDays in new[] { 1, 3, 7, 0 })
        {
            await app.App.RunAsync(JobCatalog.AutoCharge);
            var pending = (await app.AttemptsAsync()).Last();
            Assert.Equal(AttemptStatus.Submitted, pending.Status);
            await app.SettleAsync(pending.ProviderPaymentId!);
            await app.App.RunAsync(JobCatalog.AutoCharge);
            Assert.Equal(AttemptStatus.Failed, (await app.AttemptsAsync()).Last().Status);
            if (waitDays > 0)
            {
                app.App.Clock.Advance(TimeSpan.FromDays(waitDays) - TimeSpan.FromMinutes(1));
                await app.App.RunAsync(JobCatalog.AutoCharge);
                Assert.Equal(AttemptStatus.Failed, (await app.AttemptsAsync()).Last().Status);
                app.App.Clock.Advance(TimeSpan.FromMinutes(2));
            }
        }
        app.App.Clock.Advance(TimeSpan.FromDays(30));
        await app.App.RunAsync(JobCatalog.AutoCharge);

        var attempts = await app.AttemptsAsync();
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.Attempt));
        Assert.Equal(4, app.App.Simulator!.State.PaymentCount);
        var emails = (await app.App.OutboxAsync()).Where(m => m.Kind == "auto-charge-failed").ToList();
        Assert.Equal(["cleo@example.test", "fiona@invoicehub.test"], emails.Select(m => m.To).Order());
        Assert.Contains($"CR-{request}", emails[0].Subject);
        await using var db = app.App.Factory.CreateDbContext();
        Assert.Equal(CreditRequestStatus.Open, (await db.CreditRequests.SingleAsync(r => r.Id == request)).Status);
    }

    [Fact]
    public async Task A_direct_debit_mandate_registered_through_the_api_is_what_auto_charge_charges()
    {
        await using var app = await AutoChargeApp.StartAsync();
        await MandateFromTheApiIsChargedAsync(app);
    }

    /// <summary>Mandates API → open credit request → auto-charge: one recurring payment on that mandate, paid, request paid.</summary>
    internal static async Task MandateFromTheApiIsChargedAsync(AutoChargeApp app)
    {
        var client = await app.App.CreateClientAsync();
        using var api = await Api.ApiApp.ClientWithKeyAsync(app.App.Factory, Roles.Admin);
        using var created = await api.PostAsJsonAsync($"/api/v1/clients/{client}/mandates",
            new { method = "directdebit", consumerName = "Cleo Client", consumerAccount = "NL55 INGB 0000 0000 00" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mandateId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var request = await app.CreditRequestAsync(client, 4200);

        await app.App.RunAsync(JobCatalog.AutoCharge);
        await app.App.RunAsync(JobCatalog.AutoCharge);

        var attempt = Assert.Single(await app.AttemptsAsync());
        Assert.Equal(1, app.App.Simulator!.State.PaymentCount);
        await using (var scope = app.App.Factory.Services.CreateAsyncScope())
        {
            var charge = await scope.ServiceProvider.GetRequiredService<MollieClient>().GetPaymentAsync(attempt.ProviderPaymentId!);
            Assert.Equal(mandateId, charge.MandateId);
            Assert.Equal("42.00", charge.Amount.Value);
        }
        await app.SettleAsync(attempt.ProviderPaymentId!);
        await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Equal(AttemptStatus.Paid, Assert.Single(await app.AttemptsAsync()).Status);
        Assert.Equal(1, app.App.Simulator.State.PaymentCount);
        await using var db = app.App.Factory.CreateDbContext();
        Assert.Equal(CreditRequestStatus.Paid, (await db.CreditRequests.SingleAsync(r => r.Id == request)).Status);
        Assert.Equal(4200, (await db.Clients.SingleAsync(c => c.Id == client)).BalanceMinor);
    }

    [Fact]
    public async Task While_Mollie_cannot_list_the_mandates_nobody_is_charged_and_the_next_run_charges()
    {
        await using var app = await AutoChargeApp.StartAsync();
        var client = await app.ClientWithMandateAsync();
        await app.CreditRequestAsync(client, 3100);

        app.App.Simulator!.State.Faults.FailNextCalls(50);
        var down = await app.App.RunAsync(JobCatalog.AutoCharge);
        app.App.Simulator.State.Faults.FailNextCalls(0);
        var up = await app.App.RunAsync(JobCatalog.AutoCharge);

        Assert.Contains("0 charges started", down.Message);
        Assert.Contains($"client {client}: Mollie did not list the mandates", down.Message);
        Assert.Equal(1, down.Failures);
        Assert.Contains("1 charges started", up.Message);
        Assert.Single(await app.AttemptsAsync());
        Assert.Equal(1, app.App.Simulator.State.PaymentCount);
    }

    [Fact]
    public async Task Nothing_is_charged_while_auto_charge_is_off_or_for_a_client_without_a_mandate()
    {
        await using var app = await AutoChargeApp.StartAsync(autoCharge: false);
        var withMandate = await app.ClientWithMandateAsync();
        await app.CreditRequestAsync(withMandate, 5000);
        await app.App.RunAsync(JobCatalog.AutoCharge);
        Assert.Empty(await app.AttemptsAsync());

        await app.App.SetSettingsAsync(s => s with { AutoCharge = true });
        var withoutMandate = await app.App.CreateClientAsync("Nora No-Mandate", "nora@example.test");
        await app.CreditRequestAsync(withoutMandate, 7000);
        await app.App.RunAsync(JobCatalog.AutoCharge);

        var attempt = Assert.Single(await app.AttemptsAsync());
        await using var db = app.App.Factory.CreateDbContext();
        Assert.Equal(withMandate, (await db.Payments.SingleAsync(p => p.Id == attempt.PaymentId)).ClientId);
    }
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class AutoChargePostgresTests(Infrastructure.PostgresServer postgres)
{
    [Infrastructure.RequiresPostgresFact]
    public async Task A_direct_debit_mandate_registered_through_the_api_is_what_auto_charge_charges_on_PostgreSQL()
    {
        await using var app = await AutoChargeApp.StartAsync(provider: DatabaseProvider.Postgres, postgres: postgres);
        await AutoChargeJobTests.MandateFromTheApiIsChargedAsync(app);
    }
}

/// <summary>A jobs app on the Mollie simulator (recurring payments stay pending until the test settles them).</summary>
internal sealed class AutoChargeApp : IAsyncDisposable
{
    private AutoChargeApp(JobsTestApp app) => App = app;

    public JobsTestApp App { get; }

    public static async Task<AutoChargeApp> StartAsync(bool autoCharge = true, Web.Data.DatabaseProvider provider = Web.Data.DatabaseProvider.Sqlite, Infrastructure.PostgresServer? postgres = null)
    {
        var app = await JobsTestApp.StartAsync(mollie: true, options: new Infrastructure.InvoiceHubOptions { Provider = provider, Postgres = postgres });
        await app.SetSettingsAsync(s => s with { AutoCharge = autoCharge });
        return new AutoChargeApp(app);
    }

    public async Task<int> ClientWithMandateAsync(string name = "Cleo Client", string email = "cleo@example.test")
    {
        var clientId = await App.CreateClientAsync(name, email);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientMandates>().CreateDirectDebitMandateAsync(clientId, name, "NL55INGB0000000000");
        return clientId;
    }

    public async Task<int> CreditRequestAsync(int clientId, long amountMinor)
    {
        using var scope = App.Factory.Services.CreateScope();
        var request = await scope.ServiceProvider.GetRequiredService<CreateCreditRequest>()
            .HandleAsync(new CreateCreditRequestCommand(clientId, new Money(amountMinor, Currency.EUR), "Top-up for next term"));
        return request.Id;
    }

    /// <summary>A Finance user; <paramref name="language"/> is the language they chose in the back office (none: English).</summary>
    public async Task FinanceUserAsync(string email, string? language = null)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Fiona Finance" };
        Assert.True((await users.CreateAsync(user, "InvoiceHub!2026")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Finance)).Succeeded);
        if (language is not null)
        {
            Assert.True((await users.AddClaimAsync(user, new System.Security.Claims.Claim(Web.Infrastructure.Localization.LanguagePreferences.ClaimType, language))).Succeeded);
        }
    }

    public async Task<List<AutoChargeAttempt>> AttemptsAsync()
    {
        await using var db = App.Factory.CreateDbContext();
        return await db.Set<AutoChargeAttempt>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public async Task SettleAsync(string providerPaymentId)
    {
        using var controls = new HttpClient { BaseAddress = new Uri(App.Simulator!.BaseAddress, "_sim/") };
        using var response = await controls.PostAsync($"payments/{providerPaymentId}/settle", null);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
