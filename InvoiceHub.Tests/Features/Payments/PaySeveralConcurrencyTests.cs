using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Payments for several documents and single Pay Now racing for the same invoice: one of them wins, on both databases.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PaySeveralConcurrencyTests(PostgresServer postgres)
{
    private const int Racers = 6;

    [Fact]
    public Task Racing_starts_leave_each_invoice_in_one_open_payment_on_SQLite() => RacingStartsAsync(null);

    [RequiresPostgresFact]
    public Task Racing_starts_leave_each_invoice_in_one_open_payment_on_PostgreSQL() => RacingStartsAsync(postgres);

    [SqlServerFact]
    public Task Racing_starts_leave_each_invoice_in_one_open_payment_on_SQL_Server() => RacingStartsAsync(null, DatabaseProvider.SqlServer);

    private static async Task RacingStartsAsync(PostgresServer? server, DatabaseProvider? provider = null)
    {
        await using var t = await PaymentsTestApp.StartAsync(postgres: server, provider: provider);
        var (clientId, first) = await t.CreateOpenInvoiceAsync(2_000);
        var (_, second) = await t.CreateOpenInvoiceAsync(3_000, clientId);

        // Half start a payment for both invoices, half Pay Now on the second alone.
        var attempts = await Task.WhenAll(Enumerable.Range(0, Racers).Select(async i =>
        {
            try
            {
                return i % 2 == 0
                    ? await t.Handler<StartPaymentForSeveral>().HandleAsync(clientId, [(PayableKind.Invoice, first), (PayableKind.Invoice, second)], PaymentMethod.Card, PaymentInitiator.Client, t.App.BaseAddress)
                    : await t.StartInvoicePaymentAsync(second);
            }
            catch (PaymentRefusedException)
            {
                return null;
            }
        }));

        var started = attempts.Where(a => a is not null).Select(a => a!.PaymentId).Distinct().ToList();
        Assert.Single(started);
        await using var db = t.App.CreateDbContext();
        var open = await db.Payments.AsNoTracking()
            .Where(p => p.ClientId == clientId && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending)).Select(p => p.Id).ToListAsync();
        Assert.Equal(started, open);
        var heldBySeveral = await db.PaymentDocuments.CountAsync(d => d.Open && d.DocumentId == second);
        var heldAlone = await db.Payments.CountAsync(p => p.InvoiceId == second && p.Status == PaymentStatus.Open);
        Assert.Equal(1, heldBySeveral + heldAlone);
    }
}
