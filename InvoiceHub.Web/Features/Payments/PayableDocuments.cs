using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

/// <summary>
/// The one place outside the Domain that knows where each kind of payable document is stored and shown. A new kind
/// (a credit note, a late-fee invoice) is a Domain class, a table, and a line in each switch here.
/// </summary>
public static class PayableDocuments
{
    public static async Task<IPayableDocument?> FindAsync(InvoiceHubDbContext db, PayableKind kind, int id, CancellationToken cancellationToken) =>
        kind switch
        {
            PayableKind.Invoice => await db.Invoices.SingleOrDefaultAsync(i => i.Id == id, cancellationToken),
            PayableKind.CreditRequest => await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of payable document."),
        };

    /// <summary>Tracked documents for <paramref name="references"/>, in their order; missing ones are left out.</summary>
    public static async Task<IReadOnlyList<IPayableDocument>> FindManyAsync(
        InvoiceHubDbContext db, IReadOnlyCollection<(PayableKind Kind, int Id)> references, CancellationToken cancellationToken)
    {
        var invoiceIds = IdsOf(references, PayableKind.Invoice);
        var requestIds = IdsOf(references, PayableKind.CreditRequest);
        var found = new Dictionary<(PayableKind, int), IPayableDocument>();
        foreach (var invoice in invoiceIds.Count == 0 ? [] : await db.Invoices.Where(i => invoiceIds.Contains(i.Id)).ToListAsync(cancellationToken))
        {
            found[(PayableKind.Invoice, invoice.Id)] = invoice;
        }

        foreach (var request in requestIds.Count == 0 ? [] : await db.CreditRequests.Where(r => requestIds.Contains(r.Id)).ToListAsync(cancellationToken))
        {
            found[(PayableKind.CreditRequest, request.Id)] = request;
        }

        return references.Where(found.ContainsKey).Select(r => found[r]).ToList();
    }

    /// <summary>Where the client reads and pays the document in the portal.</summary>
    public static string PortalPath(PayableKind kind, int id) => kind switch
    {
        PayableKind.Invoice => $"/portal/invoices/{id}",
        PayableKind.CreditRequest => $"/portal/credit-requests/{id}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of payable document."),
    };

    /// <summary>The kind as people read it in lists.</summary>
    public static string Label(PayableKind kind) => kind switch
    {
        PayableKind.Invoice => "Invoice",
        PayableKind.CreditRequest => "Credit Request",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of payable document."),
    };

    /// <summary>The payments started for one document that Mollie may still complete.</summary>
    public static IQueryable<Payment> OpenOnlinePayments(InvoiceHubDbContext db, PayableKind kind, int documentId) =>
        db.Payments.Where(p => p.Provider == PaymentProvider.Mollie && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending))
            .Where(Payment.IsFor(kind, documentId));

    /// <summary>The open payments for several documents that cover this one.</summary>
    public static IQueryable<PaymentDocument> OpenInSeveral(InvoiceHubDbContext db, PayableKind kind, int documentId) =>
        db.PaymentDocuments.Where(d => d.Open && d.Kind == kind && d.DocumentId == documentId);

    private static List<int> IdsOf(IEnumerable<(PayableKind Kind, int Id)> references, PayableKind kind) =>
        references.Where(r => r.Kind == kind).Select(r => r.Id).Distinct().ToList();
}
