using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Events;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// The unit of work dispatches the domain events a money operation raised: live updates name exactly the records whose
/// aggregates raised events, only after commit; a failed or retried attempt publishes nothing of its own; a
/// before-commit handler's writes commit with the operation or not at all.
/// </summary>
public sealed class DomainEventDispatchTests
{
    [Fact]
    public async Task A_committed_operation_publishes_exactly_the_records_whose_aggregates_raised_events()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var (a, b) = await CreateClientsAsync(app);
        using var heard = new Heard(app, a, b);

        var requestId = await app.Services.GetRequiredService<MoneyTransaction>().RunAsync("test", async (db, ct) =>
        {
            var clientA = await db.Clients.SingleAsync(c => c.Id == a, ct);
            var clientB = await db.Clients.SingleAsync(c => c.Id == b, ct);
            clientA.AdjustBalance(Euros(10), "top-up", Now);
            clientB.Rename("Renamed without an event");
            var request = CreditRequest.Create(clientA, Euros(25), "New request", null, Now);
            db.CreditRequests.Add(request);
            return request;
        });

        // The new request's id is read after the save; the rename raised nothing, so B's pages hear nothing.
        Assert.NotEqual(0, requestId.Id);
        Assert.Equal(
            new[] { new DocumentChanged(DocumentKind.Client, a, a), new DocumentChanged(DocumentKind.CreditRequest, requestId.Id, a) }.ToHashSet(),
            heard.Changes.ToHashSet());
        Assert.Equal(2, heard.Changes.Count);
    }

    [Fact]
    public async Task A_failed_operation_publishes_nothing_and_a_retried_one_only_what_its_last_attempt_raised()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions());
        var (a, b) = await CreateClientsAsync(app);
        using var heard = new Heard(app, a, b);
        var money = app.Services.GetRequiredService<MoneyTransaction>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => money.RunAsync("fails", async (db, ct) =>
        {
            (await db.Clients.SingleAsync(c => c.Id == a, ct)).AdjustBalance(Euros(10), "never saved", Now);
            throw new InvalidOperationException("refused");
        }));
        Assert.Empty(heard.Changes);

        var attempts = 0;
        await money.RunAsync("retried", async (db, ct) =>
        {
            var id = ++attempts == 1 ? a : b;
            (await db.Clients.SingleAsync(c => c.Id == id, ct)).AdjustBalance(Euros(5), $"attempt {attempts}", Now);
            if (attempts == 1)
            {
                throw new DbUpdateConcurrencyException("a concurrent change");
            }
        });
        Assert.Equal(2, attempts);
        Assert.Equal([new DocumentChanged(DocumentKind.Client, b, b)], heard.Changes);
        await using var check = app.CreateDbContext();
        Assert.Equal(0, (await check.Clients.SingleAsync(c => c.Id == a)).BalanceMinor);
    }

    [Fact]
    public async Task A_before_commit_handlers_write_commits_with_the_operation_and_its_failure_leaves_nothing()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
        {
            Services = services =>
            {
                services.AddSingleton<BalanceEmails>();
                services.AddSingleton<IBeforeCommitHandler>(sp => sp.GetRequiredService<BalanceEmails>());
            },
        });
        var (a, _) = await CreateClientsAsync(app);
        var emails = app.Services.GetRequiredService<BalanceEmails>();
        var money = app.Services.GetRequiredService<MoneyTransaction>();

        await money.RunAsync("adjust", async (db, ct) =>
            (await db.Clients.SingleAsync(c => c.Id == a, ct)).AdjustBalance(Euros(10), "top-up", Now));
        await using (var db = app.CreateDbContext())
        {
            var entry = await db.BalanceEntries.SingleAsync(e => EF.Property<int>(e, "ClientId") == a);
            // The handler ran after the save: the key carries the new entry's id.
            Assert.Equal($"balance:{a}:{entry.Id}", (await db.Outbox.SingleAsync(m => m.Kind == "balance-changed")).DeduplicationKey);
        }

        emails.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => money.RunAsync("adjust again", async (db, ct) =>
            (await db.Clients.SingleAsync(c => c.Id == a, ct)).AdjustBalance(Euros(7), "rolled back", Now)));
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(1000, (await db.Clients.SingleAsync(c => c.Id == a)).BalanceMinor);
            Assert.Equal(1, await db.BalanceEntries.CountAsync(e => EF.Property<int>(e, "ClientId") == a));
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Kind == "balance-changed"));
        }
    }

    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    private static Money Euros(int euros) => new(euros * 100L, Currency.EUR);

    private static async Task<(int A, int B)> CreateClientsAsync(InvoiceHubFactory app)
    {
        await using var db = app.CreateDbContext();
        var a = Client.Create("Events A", "events.a@example.test", Currency.EUR, Now);
        var b = Client.Create("Events B", "events.b@example.test", Currency.EUR, Now);
        db.Clients.AddRange(a, b);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }

    /// <summary>What the staff pages hear about the test's two clients (jobs may touch other records meanwhile).</summary>
    private sealed class Heard : IDisposable
    {
        private readonly DocumentEvents _events;
        private readonly HashSet<int> _clients;
        private readonly List<DocumentChanged> _changes = [];

        public Heard(InvoiceHubFactory app, params int[] clients)
        {
            _events = app.Services.GetRequiredService<DocumentEvents>();
            _clients = [.. clients];
            _events.Changed += OnChanged;
        }

        public IReadOnlyList<DocumentChanged> Changes
        {
            get
            {
                lock (_changes)
                {
                    return [.. _changes];
                }
            }
        }

        private void OnChanged(DocumentChanged change)
        {
            if (_clients.Contains(change.ClientId))
            {
                lock (_changes)
                {
                    _changes.Add(change);
                }
            }
        }

        public void Dispose() => _events.Changed -= OnChanged;
    }

    /// <summary>Queues an email per balance change inside the transaction; told to fail, it throws after queueing.</summary>
    private sealed class BalanceEmails(EmailOutbox outbox) : IBeforeCommitHandler
    {
        public bool Fail { get; set; }

        public async Task HandleAsync(InvoiceHubDbContext db, IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var changed in events.Select(e => e.Event).OfType<BalanceChanged>())
            {
                await outbox.EnqueueAsync(db, new EmailMessage(changed.Client.Email, "Balance changed", "<p>Changed</p>", "Changed",
                    "balance-changed", $"balance:{changed.Client.Id}:{changed.Entry.Id}"), cancellationToken);
            }
            if (Fail)
            {
                throw new InvalidOperationException("the handler failed");
            }
        }
    }
}
