using System.Globalization;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Pdf;
using InvoiceHub.Web.Features.Settings;
using InvoiceHub.Web.Infrastructure.Errors;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Receipts;

/// <summary>A rendered receipt and who it is for.</summary>
public sealed record RenderedReceipt(ReceiptModel Model, byte[] Content)
{
    /// <summary>The PDF to attach.</summary>
    public EmailAttachment Attachment => new(Model.FileName, "application/pdf", Content);
}

/// <summary>
/// Receipts of settled payments: rendered for a download, emailed when staff ask, and queued exactly once when an online
/// payment settles (<see cref="QueueOnSettleAsync"/>, inside the settling transaction, with a deduplication key).
/// </summary>
public sealed class PaymentReceipts(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    MoneyTransaction transaction,
    EmailOutbox outbox,
    PdfLetterhead letterhead,
    SettingsService settings) : IOutboxAttachmentRenderer
{
    /// <summary>The key that lets one automatic receipt per payment into the outbox (the unique index refuses a second).</summary>
    public static string AutomaticKey(int paymentId) => $"receipt:payment:{paymentId}";

    /// <summary>The receipt of a recorded payment, or null when there is none (or, with <paramref name="clientId"/>, it is not theirs).</summary>
    public async Task<RenderedReceipt?> RenderAsync(int paymentId, int? clientId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rendered = await RenderAsync(db, paymentId, cancellationToken);
        return rendered is null || (clientId is { } owner && rendered.Model.ClientId != owner) ? null : rendered;
    }

    /// <summary>Staff email the receipt to the client on request (as often as they ask); returns the address.</summary>
    public async Task<string> EmailAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        return await transaction.RunAsync("email receipt", async (db, ct) =>
        {
            var rendered = await RenderAsync(db, paymentId, ct) ?? throw new NotFoundException("payment with a receipt", paymentId);
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == rendered.Model.ClientId).Select(c => new { c.Email, c.Language }).SingleAsync(ct);
            using (Languages.Use(client.Language))
            {
                var model = rendered.Model;
                var email = DocumentEmails.Receipt(client.Email, model.Payer.Name, Display.Money(model.Amount), model.PaidOn, model.Seller.Name, rendered.Attachment);
                await outbox.EnqueueAsync(db, email, ct);
                return email.To;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Called by the settling transaction once an online payment is recorded: queues the email in the same transaction,
    /// so it commits with the settlement or not at all; the deduplication key keeps a repeated or racing webhook from
    /// queueing a second one. The email needs only the payer, the amount and the day, which the transaction already holds;
    /// the receipt itself is read and rendered by the delivery job (<see cref="RenderAsync(OutboxMessage, CancellationToken)"/>).
    /// Building it here cost six queries and the PDF tripled the CPU a webhook spends inside the write lock (decision 0024).
    /// </summary>
    public async Task QueueOnSettleAsync(InvoiceHubDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.Provider != PaymentProvider.Mollie)
        {
            return;
        }
        var payer = await db.Clients.FindAsync([payment.ClientId], cancellationToken) ?? throw new NotFoundException("client", payment.ClientId);
        var company = (await settings.GetAsync(cancellationToken)).CompanyName;
        using (Languages.Use(payer.Language))
        {
            var email = DocumentEmails.Receipt(payer.Email, payer.Name, Display.Money(payment.Amount), ReceiptQuery.PaidOn(payment),
                company, EmailAttachment.RenderedAtDelivery(ReceiptModel.FileNameFor(payment.Id), "application/pdf"), AutomaticKey(payment.Id));
            await outbox.EnqueueAsync(db, email, cancellationToken);
        }
    }

    string IOutboxAttachmentRenderer.Kind => DocumentEmails.ReceiptKind;

    /// <summary>The automatic receipt's PDF, as of its delivery (refunds since the settlement included).</summary>
    public async Task<byte[]?> RenderAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var prefix = AutomaticKey(0)[..^1];
        return message.DeduplicationKey is { } key && key.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var paymentId)
            && await RenderAsync(paymentId, cancellationToken: cancellationToken) is { } rendered
                ? rendered.Content
                : null;
    }

    /// <summary>The receipt in its client's language, whoever asks for it (staff, the client, the delivery job).</summary>
    private async Task<RenderedReceipt?> RenderAsync(InvoiceHubDbContext db, int paymentId, CancellationToken ct)
    {
        var language = await (from p in db.Payments.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on p.ClientId equals c.Id
                              where p.Id == paymentId
                              select c.Language).SingleOrDefaultAsync(ct);
        var (seller, logo) = await letterhead.GetAsync(ct);
        using (Languages.Use(language))
        {
            var model = await ReceiptQuery.LoadAsync(db, paymentId, seller, logo, ct);
            return model is null ? null : new RenderedReceipt(model, ReceiptPdf.Render(model));
        }
    }
}
