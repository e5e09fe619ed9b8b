using System.Collections.Concurrent;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>
/// Credit rule 5: concurrent actions on one client never overdraw the balance or overpay an invoice, and
/// invoice numbers stay gapless. Fired through the handlers on a real SQLite file and a real PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MoneyConcurrencyTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const int Operations = 50;
    private const int InvoiceCount = 6;
    private const int ParallelIssues = 20;

    [Fact]
    public Task Parallel_pay_from_credit_and_offline_payments_keep_the_money_consistent_on_SQLite() =>
        RaceAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task Parallel_pay_from_credit_and_offline_payments_keep_the_money_consistent_on_PostgreSQL() =>
        RaceAsync(DatabaseProvider.Postgres);

    [SqlServerFact]
    public Task Parallel_pay_from_credit_and_offline_payments_keep_the_money_consistent_on_SQL_Server() =>
        RaceAsync(DatabaseProvider.SqlServer);

    [Fact]
    public Task Parallel_issues_get_gapless_numbers_on_SQLite() => IssueInParallelAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task Parallel_issues_get_gapless_numbers_on_PostgreSQL() => IssueInParallelAsync(DatabaseProvider.Postgres);

    [SqlServerFact]
    public Task Parallel_issues_get_gapless_numbers_on_SQL_Server() => IssueInParallelAsync(DatabaseProvider.SqlServer);

    private async Task RaceAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        var handlers = new Handlers(app);
        var eur = Currency.EUR;

        // Six open invoices of 100.00 (600.00 owed), issued with the setting off so that the 60.00 credit stays put;
        // 25 offline payments of 30.00 (overpaying, so rule 2 runs too) and 25 Pay From Credit calls then compete for the invoices and the credit.
        await handlers.Settings.SetAutoMarkPaidAsync(false);
        var client = await handlers.CreateClient.HandleAsync(new CreateClientCommand("Race Client", "race@example.com"));
        var invoices = new List<int>();
        for (var i = 0; i < InvoiceCount; i++)
        {
            var draft = await handlers.CreateDraft.HandleAsync(new CreateDraftInvoiceCommand(
                client.Id, new DateOnly(2026, 12, 1).AddDays(i), [new DraftLine("Lesson", 1m, Money.Parse("100.00", eur), 0m)]));
            invoices.Add((await handlers.Issue.HandleAsync(draft.Id)).Id);
        }

        await handlers.AdjustBalance.HandleAsync(client.Id, Money.Parse("60.00", eur), "Prepaid lessons");
        await handlers.Settings.SetAutoMarkPaidAsync(true);

        var succeeded = 0;
        var refused = new ConcurrentDictionary<string, int>();
        var unexpected = new ConcurrentBag<Exception>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, Operations).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var invoiceId = invoices[i % InvoiceCount];
            try
            {
                if (i % 2 == 0)
                {
                    await handlers.PayFromCredit.HandleAsync(invoiceId, i % 4 == 0 ? null : Money.Parse("7.50", eur));
                }
                else
                {
                    await handlers.RecordPayment.HandleAsync(new OfflinePaymentCommand(invoiceId, Money.Parse("30.00", eur), PaymentMethod.Cash, $"till-{i}", null));
                }

                Interlocked.Increment(ref succeeded);
            }
            catch (DomainException ex)
            {
                refused.AddOrUpdate(ex.Code, 1, (_, n) => n + 1);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                unexpected.Add(ex);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(tasks);

        output.WriteLine($"{provider}: {Operations} operations, {succeeded} succeeded, {refused.Values.Sum()} refused " +
                         $"({string.Join(", ", refused.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))}), " +
                         $"{handlers.Retries.Count} retried after a concurrent change, {unexpected.Count} failed otherwise");
        Assert.Empty(unexpected);
        Assert.Equal(Operations, succeeded + refused.Values.Sum());
        Assert.True(succeeded >= InvoiceCount, $"Only {succeeded} operations succeeded.");
        await AssertInvariantsAsync(app, client.Id, output);
    }

    private static async Task AssertInvariantsAsync(InvoiceHubFactory app, int clientId, ITestOutputHelper output)
    {
        await using var db = app.CreateDbContext();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId);
        var ledger = await db.BalanceEntries.AsNoTracking().Where(e => EF.Property<int>(e, "ClientId") == clientId).ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Allocations).Where(i => i.ClientId == clientId).ToListAsync();
        var payments = await db.Payments.AsNoTracking().Where(p => p.ClientId == clientId).ToListAsync();

        Assert.Equal(ledger.Sum(e => e.AmountMinor), client.BalanceMinor);
        Assert.True(client.BalanceMinor >= 0, $"The balance is {client.BalanceMinor}.");
        // Entries written by one transaction may be inserted in any order, so the running balance is checked as a whole.
        Assert.All(ledger, e => Assert.True(e.BalanceAfterMinor >= 0, $"Entry {e.Id} left the balance at {e.BalanceAfterMinor}."));
        Assert.Contains(ledger, e => e.BalanceAfterMinor == client.BalanceMinor);
        foreach (var invoice in invoices)
        {
            Assert.True(invoice.AmountPaidMinor <= invoice.TotalMinor, $"{invoice.Number} is overpaid: {invoice.AmountPaidMinor} of {invoice.TotalMinor}.");
            Assert.Equal(invoice.Allocations.Where(a => !a.IsVoided).Sum(a => a.AmountMinor), invoice.AmountPaidMinor);
            Assert.Equal(invoice.AmountPaidMinor == invoice.TotalMinor, invoice.Status == InvoiceStatus.Paid);
        }

        var balanceAllocations = invoices.SelectMany(i => i.Allocations).Where(a => a.Source == AllocationSource.Balance).Sum(a => a.AmountMinor);
        Assert.Equal(-balanceAllocations, ledger.Where(e => e.Kind == BalanceEntryKind.AppliedToInvoice).Sum(e => e.AmountMinor));

        var moneyIn = ledger.Where(e => e.Kind == BalanceEntryKind.ManualAdjustment).Sum(e => e.AmountMinor) + payments.Sum(p => p.AmountMinor);
        var allocated = invoices.SelectMany(i => i.Allocations).Where(a => !a.IsVoided).Sum(a => a.AmountMinor);
        Assert.Equal(moneyIn, client.BalanceMinor + allocated);
        output.WriteLine($"money in {moneyIn}, balance {client.BalanceMinor}, allocated {allocated}, " +
                         $"{payments.Count} payments, {ledger.Count} ledger entries, {invoices.Count(i => i.Status == InvoiceStatus.Paid)} of {invoices.Count} invoices paid");
    }

    private async Task IssueInParallelAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        var handlers = new Handlers(app);
        var client = await handlers.CreateClient.HandleAsync(new CreateClientCommand("Numbering Client", "numbers@example.com"));
        var drafts = new List<int>();
        for (var i = 0; i < ParallelIssues; i++)
        {
            drafts.Add((await handlers.CreateDraft.HandleAsync(new CreateDraftInvoiceCommand(
                client.Id, new DateOnly(2026, 12, 31), [new DraftLine("Lesson", 1m, Money.Parse("10.00", Currency.EUR), 0m)]))).Id);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var issues = drafts.Select(id => Task.Run(async () =>
        {
            await start.Task;
            return await handlers.Issue.HandleAsync(id);
        })).ToList();
        start.SetResult();
        var issued = await Task.WhenAll(issues);

        var year = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).Year;
        var expected = Enumerable.Range(1, ParallelIssues).Select(n => InvoiceNumber.Format(year, n));
        Assert.Equal(expected, issued.Select(i => i.Number!).Order(StringComparer.Ordinal));
        await using var db = app.CreateDbContext();
        Assert.Equal(ParallelIssues, (await db.InvoiceNumberCounters.SingleAsync(c => c.Year == year)).LastNumber);
        output.WriteLine($"{provider}: {ParallelIssues} parallel issues → {issued.Min(i => i.Number)} … {issued.Max(i => i.Number)}, {handlers.Retries.Count} retried");
    }

    /// <summary>The real handlers over a transaction runner whose retries are counted.</summary>
    private sealed class Handlers
    {
        public Handlers(InvoiceHubFactory app)
        {
            var services = app.Services;
            var transaction = new MoneyTransaction(
                services.GetRequiredService<IDbContextFactory<InvoiceHubDbContext>>(),
                services.GetRequiredService<DomainEventDispatcher>(),
                Retries,
                services.GetRequiredService<SqliteWriteGate>());
            var settings = services.GetRequiredService<SettingsService>();
            var clock = TimeProvider.System;
            Settings = settings;
            CreateClient = new CreateClient(transaction, settings, clock);
            AdjustBalance = new AdjustClientBalance(transaction, clock);
            CreateDraft = new CreateDraftInvoice(transaction, clock);
            Issue = new IssueInvoice(transaction, settings, clock);
            PayFromCredit = new PayInvoiceFromCredit(transaction, settings, clock);
            RecordPayment = new RecordInvoicePayment(transaction, settings, clock);
        }

        public RetryCounter Retries { get; } = new();

        public SettingsService Settings { get; }

        public CreateClient CreateClient { get; }

        public AdjustClientBalance AdjustBalance { get; }

        public CreateDraftInvoice CreateDraft { get; }

        public IssueInvoice Issue { get; }

        public PayInvoiceFromCredit PayFromCredit { get; }

        public RecordInvoicePayment RecordPayment { get; }
    }

    /// <summary>Counts the "running it again" messages of <see cref="MoneyTransaction"/>: one per retried attempt.</summary>
    private sealed class RetryCounter : ILogger<MoneyTransaction>
    {
        private int _count;

        public int Count => _count;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("running it again", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}

internal static class SettingsServiceExtensions
{
    public static async Task SetAutoMarkPaidAsync(this SettingsService settings, bool on)
    {
        var current = await settings.GetAsync();
        await settings.UpdateAsync(current with { AutomaticallyMarkInvoicesPaid = on }, "test");
    }
}
