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
            started = await scope.ServiceProvider.GetRequiredService<OnlinePayments>()
                .StartAsync(PayableKind.Invoice, invoice, PaymentMethod.Card, PaymentInitiator.Client, Unreachable);
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

    private static async Task<InvoiceStatus> StatusAsync(JobsTestApp app, int invoiceId)
    {
        await using var db = app.Factory.CreateDbContext();
        return (await db.Invoices.SingleAsync(i => i.Id == invoiceId)).Status;
    }
}
