using InvoiceHub.Domain;
using InvoiceHub.MollieSimulator;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

/// <summary>
/// An InvoiceHub whose clock the test moves (<see cref="Clock"/>) and whose schedules never fire on their own (InvoiceHubFactory's default),
/// so that every run in a test is one the test asked for (<see cref="RunAsync"/>, through Hangfire like Run now).
/// </summary>
public sealed class JobsTestApp : IAsyncDisposable
{
    private JobsTestApp(InvoiceHubFactory factory, TestClock clock, MollieSimulatorHost? simulator)
    {
        Factory = factory;
        Clock = clock;
        Simulator = simulator;
    }

    /// <summary>The Mollie simulator the app talks to, when started with <c>mollie: true</c>.</summary>
    public MollieSimulatorHost? Simulator { get; }

    public InvoiceHubFactory Factory { get; }

    public TestClock Clock { get; }

    public static async Task<JobsTestApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        DateOnly? today = null,
        InvoiceHubOptions? options = null,
        bool mollie = false)
    {
        var simulator = mollie ? await MollieSimulatorHost.StartAsync(o => o.RecurringSettleDelay = null) : null;
        var clock = new TestClock(new DateTimeOffset((today ?? new DateOnly(2026, 11, 2)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var all = new Dictionary<string, string?>();
        if (simulator is not null)
        {
            all["Mollie:BaseAddress"] = simulator.ApiBaseAddress.ToString();
            all["Mollie:ApiKey"] = "test_invoicehub_jobs_tests";
            all["Mollie:RetryBaseDelay"] = "00:00:00.050";
            all["MollieSimulator:Enabled"] = "false";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var factory = await InvoiceHubFactory.CreateAsync((options ?? new InvoiceHubOptions()) with
        {
            Environment = environment,
            Settings = all,
            Services = services => services.AddSingleton<TimeProvider>(clock),
        });
        return new JobsTestApp(factory, clock, simulator);
    }

    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public Task<JobRunView> RunAsync(string job) => Get<JobsService>().RunNowAsync(job, TimeSpan.FromMinutes(2));

    public async Task<int> CreateClientAsync(string name = "Cleo Client", string email = "cleo@example.test")
    {
        using var scope = Factory.Services.CreateScope();
        var client = await scope.ServiceProvider.GetRequiredService<CreateClient>().HandleAsync(new CreateClientCommand(name, email));
        return client.Id;
    }

    public async Task<int> OpenInvoiceAsync(int clientId, DateOnly dueDate, long amountMinor = 12000)
    {
        using var scope = Factory.Services.CreateScope();
        var draft = await scope.ServiceProvider.GetRequiredService<CreateDraftInvoice>().HandleAsync(new CreateDraftInvoiceCommand(
            clientId, dueDate, [new DraftLine("Tutoring, 4 lessons", 1, new Money(amountMinor, Currency.EUR), 0)]));
        await scope.ServiceProvider.GetRequiredService<IssueInvoice>().HandleAsync(draft.Id);
        return draft.Id;
    }

    public async Task SetSettingsAsync(Func<SettingsSnapshot, SettingsSnapshot> change)
    {
        var settings = Get<SettingsService>();
        settings.Invalidate();
        await settings.UpdateAsync(change(await settings.GetAsync()), "test");
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public async Task EnqueueAsync(EmailMessage message)
    {
        await using var db = Factory.CreateDbContext();
        await Get<EmailOutbox>().EnqueueAsync(db, message);
        await db.SaveChangesAsync();
    }

    /// <summary>Does at the simulator what the payer (or the bank) does: the payment moves to <paramref name="status"/>.</summary>
    public async Task SetMollieStatusAsync(string providerPaymentId, string status)
    {
        using var controls = new HttpClient { BaseAddress = new Uri(Simulator!.BaseAddress, "_sim/") };
        using var response = await controls.PostAsync($"payments/{providerPaymentId}/status",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = status }));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }
}
