using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Jobs;

public sealed class ReconciliationJobTests
{
    /// <summary>Nothing listens here: Mollie's webhook calls are lost.</summary>
    private static readonly Uri Unreachable = new("http://127.0.0.1:9/");

    [Fact]
    public async Task A_payment_whose_webhook_was_lost_is_settled_once_it_is_old_enough()
    {
        await using var app = await JobsTestApp.StartAsync(new Dictionary<string, string?> { ["Jobs:ReconciliationAge"] = "00:30:00" }, mollie: true);
        await app.SetSettingsAsync(s => s with { OnlineInvoicePayment = true });
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, app.Clock.Today.AddDays(14));
        StartedPayment started;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            started = await scope.ServiceProvider.GetRequiredService<StartOnlinePayment>()
                .HandleAsync(PayableKind.Invoice, invoice, PaymentMethod.Card, PaymentInitiator.Client, Unreachable);
        }
        string providerId;
        await using (var db = app.Factory.CreateDbContext())
        {
            providerId = (await db.Payments.SingleAsync(p => p.Id == started.PaymentId)).ProviderPaymentId!;
        }
        await app.SetMollieStatusAsync(providerId, "paid");

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        var young = await app.RunAsync(JobCatalog.Reconciliation);
        Assert.Equal(0, young.Processed);
        Assert.Equal(InvoiceStatus.Open, await StatusAsync(app, invoice));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var run = await app.RunAsync(JobCatalog.Reconciliation);
        var again = await app.RunAsync(JobCatalog.Reconciliation);

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Contains("1 payments checked at Mollie, 1 settled", run.Message);
        Assert.Equal(0, again.Processed);
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(app, invoice));
        await using var check = app.Factory.CreateDbContext();
        Assert.Equal(PaymentStatus.Paid, (await check.Payments.SingleAsync(p => p.Id == started.PaymentId)).Status);
        Assert.Equal(1, await check.Allocations.CountAsync(a => a.PaymentId == started.PaymentId));
    }

    [Fact]
    public async Task A_refund_Mollie_failed_while_its_webhook_was_lost_gives_the_money_back_once_it_is_old_enough()
    {
        await using var app = await JobsTestApp.StartAsync(new Dictionary<string, string?> { ["Jobs:ReconciliationAge"] = "00:30:00" }, mollie: true);
        await app.SetSettingsAsync(s => s with { OnlineInvoicePayment = true });
        var client = await app.CreateClientAsync();
        var invoice = await app.OpenInvoiceAsync(client, app.Clock.Today.AddDays(14), amountMinor: 12_000);
        int paymentId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            paymentId = (await scope.ServiceProvider.GetRequiredService<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoice, PaymentMethod.Card, PaymentInitiator.Client, Unreachable)).PaymentId;
            await using var db = app.Factory.CreateDbContext();
            var providerId = (await db.Payments.SingleAsync(p => p.Id == paymentId)).ProviderPaymentId!;
            await app.SetMollieStatusAsync(providerId, "paid");
            await scope.ServiceProvider.GetRequiredService<SettleMolliePayment>().SyncAsync(providerId);
        }
        RefundView refund;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            refund = await scope.ServiceProvider.GetRequiredService<PaymentRefunds>().RefundAsync(
                new RefundCommand(paymentId, new InvoiceHub.Domain.Money(5_000, InvoiceHub.Domain.Currency.EUR), RefundDestination.Payer, "Lesson cancelled", "finance@invoicehub.test"));
        }
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(5_000, await StillToPayAsync(app, invoice));
        // Mollie fails the refund; its webhook call goes nowhere (the payment's webhook address is unreachable).
        Assert.True(await app.Simulator!.State.SetRefundStatusAsync(refund.ProviderRefundId!, "failed"));

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        var young = await app.RunAsync(JobCatalog.Reconciliation);
        Assert.Contains("refunds of 0 payments followed up", young.Message);
        Assert.Equal(5_000, await StillToPayAsync(app, invoice));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var run = await app.RunAsync(JobCatalog.Reconciliation);
        var again = await app.RunAsync(JobCatalog.Reconciliation);

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Contains("refunds of 1 payments followed up", run.Message);
        Assert.Equal(0, again.Processed);
        await using var check = app.Factory.CreateDbContext();
        Assert.Equal(RefundStatus.Failed, (await check.Refunds.SingleAsync(r => r.Id == refund.Id)).Status);
        Assert.Equal(0, await StillToPayAsync(app, invoice));
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(app, invoice));
    }

    private static async Task<long> StillToPayAsync(JobsTestApp app, int invoiceId)
    {
        await using var db = app.Factory.CreateDbContext();
        return (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).StillToPayMinor;
    }

    private static async Task<InvoiceStatus> StatusAsync(JobsTestApp app, int invoiceId)
    {
        await using var db = app.Factory.CreateDbContext();
        return (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).Status;
    }
}
