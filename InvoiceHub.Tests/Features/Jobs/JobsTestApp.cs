using InvoiceHub.Domain;
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
/// so that every run in a test is one the test asked for (<see cref="RunAsync"/>, through Quartz like Run now).
/// </summary>
public sealed class JobsTestApp : IAsyncDisposable
{
    private JobsTestApp(InvoiceHubFactory factory, TestClock clock)
    {
        Factory = factory;
        Clock = clock;
    }

    public InvoiceHubFactory Factory { get; }

    public TestClock Clock { get; }

    public static async Task<JobsTestApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        string environment = "Development",
        DateOnly? today = null,
        InvoiceHubOptions? options = null)
    {
        var clock = new TestClock(new DateTimeOffset((today ?? new DateOnly(2026, 11, 2)).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var all = new Dictionary<string, string?>();
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
        return new JobsTestApp(factory, clock);
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

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
