using InvoiceHub.Web.Integrations.Email;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Features.Receipts;
using PaymentMethod = InvoiceHub.Domain.Payments.PaymentMethod;

namespace InvoiceHub.Tests.Features.Receipts;

/// <summary>The receipt an online payment's settlement queues: exactly once, however often and however concurrently Mollie's word arrives.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AutomaticReceiptTests(PostgresServer postgres)
{
    [Fact]
    public Task Racing_and_repeated_webhooks_queue_one_receipt_with_the_pdf_on_SQLite() => RacingWebhooksAsync(null);

    [RequiresPostgresFact]
    public Task Racing_and_repeated_webhooks_queue_one_receipt_with_the_pdf_on_PostgreSQL() => RacingWebhooksAsync(postgres);

    private static async Task RacingWebhooksAsync(PostgresServer? server)
    {
        await using var test = await PaymentsTestApp.StartAsync(postgres: server);
        var (_, invoiceId) = await test.CreateOpenInvoiceAsync(12_500);
        var number = await test.InvoiceNumberOfAsync(invoiceId);
        var started = await test.StartInvoicePaymentAsync(invoiceId);
        var providerId = await test.ProviderIdOfAsync(started.PaymentId);

        await test.SetMollieStatusAsync(providerId, "paid");
        // The simulator's own webhook races these six syncs for the settlement.
        var settle = test.Handler<SettleMolliePayment>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => settle.SyncAsync(providerId))));
        using var http = test.App.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var repeated = await http.PostAsync(PaymentPaths.Webhook, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
            repeated.EnsureSuccessStatusCode();
        }

        await using (var queued = test.App.CreateDbContext())
        {
            // Queued with the settlement, its PDF named but left to the delivery job to render (decision 0024).
            var receipt = Assert.Single(queued.Outbox.Where(m => m.Kind == DocumentEmails.ReceiptKind).ToList());
            Assert.Equal(PaymentReceipts.AutomaticKey(started.PaymentId), receipt.DeduplicationKey);
            Assert.Equal($"receipt-payment-{started.PaymentId}.pdf", receipt.AttachmentName);
            Assert.True(receipt.AwaitsAttachment);
        }

        var delivery = await test.Handler<JobsService>().RunNowAsync(JobCatalog.EmailDelivery, TimeSpan.FromMinutes(2));
        Assert.Equal(JobOutcome.Succeeded, delivery.Outcome);
        await using var db = test.App.CreateDbContext();
        var delivered = Assert.Single(db.Outbox.Where(m => m.Kind == DocumentEmails.ReceiptKind).ToList());
        Assert.Equal(OutboxStatus.Sent, delivered.Status);
        var text = PdfText.Extract(delivered.AttachmentContent!);
        Assert.Contains($"Receipt for payment {started.PaymentId}", text, StringComparison.Ordinal);
        Assert.Contains($"Invoice {number}", text, StringComparison.Ordinal);
        Assert.Contains("€125.00", text, StringComparison.Ordinal);
        Assert.Contains(providerId, text, StringComparison.Ordinal);
        Assert.Contains("Pat Payer", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_payments_get_no_automatic_receipt_but_have_one_to_download()
    {
        await using var test = await PaymentsTestApp.StartAsync(kestrel: false);
        var (_, invoiceId) = await test.CreateOpenInvoiceAsync(5_000);
        var recorded = await test.Handler<RecordInvoicePayment>().HandleAsync(new OfflinePaymentCommand(invoiceId, new Money(5_000, Currency.EUR), PaymentMethod.Cash, "till 3", null));

        await using (var db = test.App.CreateDbContext())
        {
            Assert.Empty(db.Outbox.Where(m => m.Kind == DocumentEmails.ReceiptKind));
        }
        var receipt = await test.Handler<PaymentReceipts>().RenderAsync(recorded.Payment.Id);
        Assert.NotNull(receipt);
        Assert.Contains("till 3", PdfText.Extract(receipt.Content), StringComparison.Ordinal);
    }
}
