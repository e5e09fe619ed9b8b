using InvoiceHub.Domain;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Staff refunding one payment at the same moment, on both databases: together they never exceed what was paid.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RefundConcurrencyTests(PostgresServer postgres)
{
    private const int Racers = 6;

    [Fact]
    public Task Simultaneous_refunds_never_exceed_the_paid_amount_on_SQLite() => SimultaneousRefundsAsync(null);

    [RequiresPostgresFact]
    public Task Simultaneous_refunds_never_exceed_the_paid_amount_on_PostgreSQL() => SimultaneousRefundsAsync(postgres);

    [SqlServerFact]
    public Task Simultaneous_refunds_never_exceed_the_paid_amount_on_SQL_Server() => SimultaneousRefundsAsync(null, DatabaseProvider.SqlServer);

    private static async Task SimultaneousRefundsAsync(PostgresServer? server, DatabaseProvider? provider = null)
    {
        await using var t = await PaymentsTestApp.StartAsync(postgres: server, provider: provider);
        var (invoiceId, paymentId, _) = await t.PayInvoiceOnlineAsync(12_500);

        // Half to the card (different amounts, so Mollie's duplicate rule stays out of it), half to the balance.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Racers).Select(async i =>
        {
            await using var scope = t.App.Services.CreateAsyncScope();
            var refunds = scope.ServiceProvider.GetRequiredService<PaymentRefunds>();
            try
            {
                var destination = i % 2 == 0 ? RefundDestination.Payer : RefundDestination.Balance;
                return (Refund: await refunds.RefundAsync(new RefundCommand(paymentId, new Money(5_000 + i, Currency.EUR), destination, "Race", "finance")), Refused: (DomainException?)null);
            }
            catch (DomainException ex)
            {
                return (Refund: (RefundView?)null, Refused: ex);
            }
        }));

        var made = outcomes.Where(o => o.Refund is not null).Select(o => o.Refund!).ToList();
        Assert.Equal(2, made.Count);
        Assert.All(outcomes.Where(o => o.Refused is not null), o =>
            Assert.Contains(o.Refused!.Code, new[] { ErrorCodes.RefundExceedsPaid, ErrorCodes.RefundExceedsRefundable }));
        await using var db = t.App.CreateDbContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal(made.Sum(r => r.Amount.Minor), payment.RefundedMinor);
        Assert.True(payment.RefundedMinor <= payment.AmountMinor);
        Assert.Equal(made.Count, await db.Refunds.CountAsync(r => r.PaymentId == paymentId));
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(12_500 - payment.RefundedMinor, invoice.AmountPaidMinor);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
    }
}
