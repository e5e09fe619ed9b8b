using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Formatting;
using InvoiceHub.Web.Infrastructure.Localization;
using InvoiceHub.Web.Integrations.Email;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.PaymentLinks;

public enum PaymentRequestOutcome
{
    Queued,
    AlreadySentToday,
    NotOpen,
}

/// <summary>Staff ▸ Take Payment ▸ Online ▸ "Email a payment request": the payment link by email, once per document per day.</summary>
public sealed class PaymentRequests(
    IDbContextFactory<InvoiceHubDbContext> dbFactory,
    PaymentLinks links,
    EmailOutbox outbox,
    TimeProvider clock,
    ILogger<PaymentRequests> logger)
{
    public static string DeduplicationKey(PayableKind kind, int id, DateOnly day) =>
        $"payment-request:{PayableDocuments.KindKey(kind)}:{id}:{day:yyyy-MM-dd}";

    public async Task<PaymentRequestOutcome> SendAsync(PayableKind kind, int documentId, Uri publicBaseUri, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var document = await PayableDocuments.FindAsync(db, kind, documentId, cancellationToken) is { IsIssued: true } found
            ? found
            : throw new Infrastructure.Errors.NotFoundException(PayableDocuments.Label(kind).ToLowerInvariant(), documentId);
        if (!document.IsPayable)
        {
            return PaymentRequestOutcome.NotOpen;
        }

        var (number, stillToPayMinor, currency, clientId) = (document.Reference, document.StillToPay.Minor, document.Currency.Code, document.ClientId);

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Name, c.Email, c.Language }).SingleAsync(cancellationToken);
        var key = DeduplicationKey(kind, documentId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var url = await links.CreateOrRenewAsync(db, kind, documentId, publicBaseUri, cancellationToken);
        bool queued;
        using (Languages.Use(client.Language))
        {
            var amount = Display.Money(stillToPayMinor, currency);
            queued = await outbox.EnqueueAsync(db, DocumentEmails.PaymentRequest(client.Email, client.Name, number, amount, url, key).About(kind, documentId), cancellationToken);
        }
        if (!queued)
        {
            return PaymentRequestOutcome.AlreadySentToday;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (MoneyTransaction.IsTransient(ex))
        {
            return PaymentRequestOutcome.AlreadySentToday;
        }

        logger.LogInformation("Payment request for {Number} queued", number);
        return PaymentRequestOutcome.Queued;
    }
}
