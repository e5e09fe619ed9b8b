using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Formatting;
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
        string number;
        long stillToPayMinor;
        string currency;
        int clientId;
        if (kind == PayableKind.Invoice)
        {
            var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == documentId, cancellationToken)
                          ?? throw new Infrastructure.Errors.NotFoundException("invoice", documentId);
            if (invoice.Status != InvoiceStatus.Open)
            {
                return PaymentRequestOutcome.NotOpen;
            }

            (number, stillToPayMinor, currency, clientId) = (invoice.Number!, invoice.StillToPayMinor, invoice.Currency.Code, invoice.ClientId);
        }
        else
        {
            var request = await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == documentId, cancellationToken)
                          ?? throw new Infrastructure.Errors.NotFoundException("credit request", documentId);
            if (request.Status != CreditRequestStatus.Open)
            {
                return PaymentRequestOutcome.NotOpen;
            }

            (number, stillToPayMinor, currency, clientId) = (InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(request.Id), request.AmountMinor, request.Currency.Code, request.ClientId);
        }

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Name, c.Email }).SingleAsync(cancellationToken);
        var key = DeduplicationKey(kind, documentId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var url = await links.CreateOrRenewAsync(db, kind, documentId, publicBaseUri, cancellationToken);
        var amount = Display.Money(stillToPayMinor, currency);
        if (!await outbox.EnqueueAsync(db, DocumentEmails.PaymentRequest(client.Email, client.Name, number, amount, url, key).About(kind, documentId), cancellationToken))
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
