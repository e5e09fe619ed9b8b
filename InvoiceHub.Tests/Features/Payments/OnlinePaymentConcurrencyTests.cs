using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Webhooks and clicks that arrive at the same moment, on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OnlinePaymentConcurrencyTests(PostgresServer postgres)
{
    private const int Racers = 6;

    [Fact]
    public Task Simultaneous_syncs_of_a_paid_payment_settle_it_once_on_SQLite() => SimultaneousSyncsAsync(null);

    [RequiresPostgresFact]
    public Task Simultaneous_syncs_of_a_paid_payment_settle_it_once_on_PostgreSQL() => SimultaneousSyncsAsync(postgres);

    [SqlServerFact]
    public Task Simultaneous_syncs_of_a_paid_payment_settle_it_once_on_SQL_Server() => SimultaneousSyncsAsync(null, DatabaseProvider.SqlServer);

    [Fact]
    public Task Simultaneous_starts_open_one_payment_on_SQLite() => SimultaneousStartsAsync(null);

    [RequiresPostgresFact]
    public Task Simultaneous_starts_open_one_payment_on_PostgreSQL() => SimultaneousStartsAsync(postgres);

    [SqlServerFact]
    public Task Simultaneous_starts_open_one_payment_on_SQL_Server() => SimultaneousStartsAsync(null, DatabaseProvider.SqlServer);

    private static async Task SimultaneousSyncsAsync(PostgresServer? server, DatabaseProvider? provider = null)
    {
        await using var t = await PaymentsTestApp.StartAsync(postgres: server, provider: provider);
        var (_, invoiceId) = await t.CreateOpenInvoiceAsync(7_700);
        var started = await t.StartInvoicePaymentAsync(invoiceId);
        var providerId = await t.ProviderIdOfAsync(started.PaymentId);
        t.Simulator.State.Faults.LoseNextWebhooks(1);
        await t.SetMollieStatusAsync(providerId, "paid");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => t.Handler<SettleMolliePayment>().SyncAsync(providerId)));

        Assert.Single(outcomes, o => o.Settled);
        Assert.All(outcomes, o => Assert.Equal(PaymentStatus.Paid, o.Status));
        await using var db = t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
        Assert.Equal(1, await db.Allocations.CountAsync(a => EF.Property<int>(a, "InvoiceId") == invoiceId));
    }

    private static async Task SimultaneousStartsAsync(PostgresServer? server, DatabaseProvider? provider = null)
    {
        await using var t = await PaymentsTestApp.StartAsync(postgres: server, provider: provider);
        var (_, invoiceId) = await t.CreateOpenInvoiceAsync(3_300);

        var attempts = await Task.WhenAll(Enumerable.Range(0, Racers).Select(async _ =>
        {
            try
            {
                return await t.StartInvoicePaymentAsync(invoiceId);
            }
            catch (PaymentRefusedException)
            {
                return null;
            }
        }));

        var succeeded = attempts.OfType<StartedPayment>().ToList();
        Assert.NotEmpty(succeeded);
        Assert.Single(succeeded.Select(s => s.PaymentId).Distinct());
        await using var db = t.App.CreateDbContext();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.InvoiceId == invoiceId));
        Assert.Equal(1, t.Simulator.State.PaymentCount);
    }
}
