using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;


/// <summary>An invoice or credit request as the Pay Now page shows it.</summary>
public sealed record PayableDocumentView(
    PayableKind Kind,
    int Id,
    string Number,
    string Status,
    bool IsOpen,
    DateOnly? DueDate,
    IReadOnlyList<PayableLine> Lines,
    long TotalMinor,
    long StillToPayMinor,
    string Currency,
    bool AcceptsPartialPayment,
    PendingPayment? Pending = null)
{
    public string Path => PayableDocuments.PortalPath(Kind, Id);

    public static PayableDocumentView From(IPayableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new(document.Kind, document.Id, document.Reference, document.StatusName, document.IsPayable, document.DueDate,
            document.PayableLines(), document.Total.Minor, document.StillToPay.Minor, document.Currency.Code, document.AcceptsPartialPayment);
    }
}

/// <summary>What the anonymous return page may show: the status and which document, nothing about the payer.</summary>
/// <summary>A payment's return page; <paramref name="Several"/> when it paid more than one document (<c>Number</c> then lists them).</summary>
public sealed record PaymentReturnView(int PaymentId, PaymentStatus Status, string Number, string DocumentPath, int ClientId, bool Several = false);

public sealed class PaymentViews(IDbContextFactory<InvoiceHubDbContext> dbFactory, PendingPayments pending)
{
    /// <summary>The document when it belongs to <paramref name="clientId"/>; null otherwise (drafts included: they are not the client's yet).</summary>
    public async Task<PayableDocumentView?> DocumentAsync(PayableKind kind, int id, int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A view only: nothing read here is saved, so nothing needs tracking.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var document = await PayableDocuments.FindAsync(db, kind, id, cancellationToken);
        if (document is not { IsIssued: true } || document.ClientId != clientId)
        {
            return null;
        }

        // A direct debit or a bank transfer started at Mollie takes days: the payer sees it is under way.
        return PayableDocumentView.From(document) with { Pending = await pending.OfDocumentAsync(kind, id, clientId, cancellationToken) };
    }

    public async Task<PaymentReturnView?> ReturnAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var payment = await db.Payments
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.Provider == PaymentProvider.Mollie, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        if (payment.StartedFor() is { } single)
        {
            var number = (await PayableDocuments.FindAsync(db, single.Kind, single.Id, cancellationToken))?.Reference ?? "";
            return new PaymentReturnView(payment.Id, payment.Status, number, PayableDocuments.PortalPath(single.Kind, single.Id), payment.ClientId);
        }

        return new PaymentReturnView(payment.Id, payment.Status, await SeveralNumbersAsync(db, payment.Id, cancellationToken), "/portal", payment.ClientId, Several: true);
    }

    /// <summary>The numbers of a payment for several documents, as the payer chose them ("INV-2026-00001, CR-3").</summary>
    private static async Task<string> SeveralNumbersAsync(InvoiceHubDbContext db, int paymentId, CancellationToken cancellationToken)
    {
        var chosen = await db.PaymentDocuments.AsNoTracking().Where(d => d.PaymentId == paymentId).OrderBy(d => d.Id)
            .Select(d => new { d.Kind, d.DocumentId }).ToListAsync(cancellationToken);
        var documents = await PayableDocuments.FindManyAsync(db, chosen.Select(d => (d.Kind, d.DocumentId)).ToList(), cancellationToken);
        return documents.Count == 0 ? "your documents" : string.Join(", ", documents.Select(d => d.Reference));
    }
}
