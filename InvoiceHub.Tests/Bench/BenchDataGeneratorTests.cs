using System.Data.Common;
using InvoiceHub.Bench.Data;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvoiceHub.Tests.Bench;

/// <summary>
/// The benchmark's bulk generator writes past EF Core, so it could drift from the schema or the money rules
/// unnoticed. A small business generated into a migrated database must read back through the app's model
/// with every money invariant held, and the app's own handlers must keep working on top of it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BenchDataGeneratorTests(PostgresServer postgres)
{
    private static readonly BenchSize Small = new(Clients: 40, Invoices: 700);

    [Fact]
    public Task Generated_business_keeps_the_money_invariants_on_SQLite() => GenerateAndCheckAsync(DatabaseProvider.Sqlite);

    [RequiresPostgresFact]
    public Task Generated_business_keeps_the_money_invariants_on_PostgreSQL() => GenerateAndCheckAsync(DatabaseProvider.Postgres);

    private async Task GenerateAndCheckAsync(DatabaseProvider provider)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = provider, Postgres = postgres });
        await using (DbConnection connection = provider == DatabaseProvider.Sqlite
                         ? new SqliteConnection(app.ConnectionString)
                         : new NpgsqlConnection(app.ConnectionString))
        {
            var generated = await BenchDataGenerator.GenerateAsync(connection, Small, DateTimeOffset.UtcNow, clientsPerBatch: 15);
            Assert.Equal(Small.Invoices, generated.Invoices);
        }

        await AssertInvariantsAsync(app);
        await AssertTheAppIssuesOnTopAsync(app);
    }

    private static async Task AssertInvariantsAsync(InvoiceHubFactory app)
    {
        await using var db = app.CreateDbContext();
        var clients = await db.Clients.AsNoTracking().ToListAsync();
        var ledger = (await db.BalanceEntries.AsNoTracking().Select(e => new { Entry = e, ClientId = EF.Property<int>(e, "ClientId") }).ToListAsync())
            .ToLookup(e => e.ClientId, e => e.Entry);
        var invoices = (await db.Invoices.AsNoTracking().Include(i => i.Allocations).AsSplitQuery().ToListAsync()).ToLookup(i => i.ClientId);
        var payments = (await db.Payments.AsNoTracking().ToListAsync()).ToLookup(p => p.ClientId);
        var requests = await db.CreditRequests.AsNoTracking().ToListAsync();

        Assert.Equal(Small.Clients, clients.Count);
        Assert.Contains(clients, c => c.BalanceMinor > 0);
        foreach (var status in Enum.GetValues<InvoiceStatus>())
        {
            Assert.Contains(invoices.SelectMany(i => i), i => i.Status == status);
        }

        foreach (var client in clients)
        {
            var entries = ledger[client.Id].ToList();
            Assert.Equal(entries.Sum(e => e.AmountMinor), client.BalanceMinor);
            Assert.All(entries, e => Assert.True(e.BalanceAfterMinor >= 0, $"Entry {e.Id} leaves client {client.Id} at {e.BalanceAfterMinor}."));
            if (entries.Count > 0)
            {
                Assert.Equal(client.BalanceMinor, entries.OrderBy(e => e.Id).Last().BalanceAfterMinor);
            }

            var own = invoices[client.Id].ToList();
            foreach (var invoice in own)
            {
                Assert.True(invoice.AmountPaidMinor <= invoice.TotalMinor, $"{invoice.Number} is overpaid.");
                Assert.Equal(invoice.Allocations.Where(a => !a.IsVoided).Sum(a => a.AmountMinor), invoice.AmountPaidMinor);
                Assert.Equal(invoice.Status == InvoiceStatus.Paid, invoice.AmountPaidMinor == invoice.TotalMinor && invoice.TotalMinor > 0);
                Assert.Equal(invoice.Status != InvoiceStatus.Draft, InvoiceNumber.IsValid(invoice.Number));
            }

            var fromBalance = own.SelectMany(i => i.Allocations).Where(a => a.Source == AllocationSource.Balance).Sum(a => a.AmountMinor);
            Assert.Equal(-fromBalance, entries.Where(e => e.Kind == BalanceEntryKind.AppliedToInvoice).Sum(e => e.AmountMinor));
            var moneyIn = entries.Where(e => e.Kind == BalanceEntryKind.ManualAdjustment).Sum(e => e.AmountMinor) + payments[client.Id].Sum(p => p.AmountMinor);
            var allocated = own.SelectMany(i => i.Allocations).Where(a => !a.IsVoided).Sum(a => a.AmountMinor);
            Assert.Equal(moneyIn, client.BalanceMinor + allocated);
        }

        // The lines are the invoice's totals, as the domain computes them.
        var lines = await db.Invoices.AsNoTracking().Include(i => i.Lines).ToListAsync();
        Assert.All(lines, i => Assert.Equal(i.TotalMinor, i.Lines.Sum(l => l.TotalMinor)));
        Assert.All(lines, i => Assert.All(i.Lines, l => Assert.Equal(InvoiceLine.CalculateNetMinor(l.Quantity, l.UnitPriceMinor), l.NetMinor)));

        // Paid requests and their payments point at each other.
        var paymentById = payments.SelectMany(p => p).ToDictionary(p => p.Id);
        Assert.All(requests.Where(r => r.Status == CreditRequestStatus.Paid),
            r => Assert.Equal(r.Id, paymentById[r.PaymentId!.Value].CreditRequestId));
    }

    /// <summary>Ids, sequences and number counters left behind let the real handlers continue: an issue applies credit and numbers on.</summary>
    private static async Task AssertTheAppIssuesOnTopAsync(InvoiceHubFactory app)
    {
        int draftId;
        await using (var db = app.CreateDbContext())
        {
            draftId = await db.Invoices.Where(i => i.Status == InvoiceStatus.Draft)
                .Join(db.Clients.Where(c => c.BalanceMinor > 0), i => i.ClientId, c => c.Id, (i, _) => i.Id)
                .FirstAsync();
        }
        var settings = app.Services.GetRequiredService<SettingsService>();
        await settings.UpdateAsync(await settings.GetAsync() with { AutomaticallyMarkInvoicesPaid = true }, "test");
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<IssueInvoice>().HandleAsync(draftId);

        Assert.True(issued.AmountPaid.Minor > 0, "Credit was not applied on issue.");
        Assert.Equal(InvoiceNumber.Format(DateTime.UtcNow.Year, 1), issued.Number);
        var create = scope.ServiceProvider.GetRequiredService<CreateDraftInvoice>();
        await using var check = app.CreateDbContext();
        var client = await check.Clients.AsNoTracking().FirstAsync();
        var draft = await create.HandleAsync(new CreateDraftInvoiceCommand(client.Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14),
            [new DraftLine("Lesson", 1m, InvoiceHub.Domain.Money.Parse("10.00", InvoiceHub.Domain.Currency.EUR), 0m)]));
        Assert.True(draft.Id > Small.Invoices, $"A new invoice got id {draft.Id}, inside the generated range.");
    }
}
