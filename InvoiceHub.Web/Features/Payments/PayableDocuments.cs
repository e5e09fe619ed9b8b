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

    /// <summary>
    /// The kind as written into stored keys (payment links, reminders, auto-charge attempts). Never change a value:
    /// keys already stored hold it.
    /// </summary>
    public static string KindKey(PayableKind kind) => kind switch
    {
        PayableKind.Invoice => "invoice",
        PayableKind.CreditRequest => "credit-request",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of payable document."),
    };

    public static PayableKind KindOfKey(string key) => Enum.GetValues<PayableKind>().Single(kind => KindKey(kind) == key);

    /// <summary>The kind and reference as a sentence reads them: "invoice INV-2026-00001", "credit request CR-19".</summary>
    public static string Describe(IPayableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return $"{Label(document.Kind).ToLowerInvariant()} {document.Reference}";
    }

    /// <summary>
    /// Which of <paramref name="references"/> an online payment Mollie may still complete (or authorize) already covers,
    /// alone or with other documents: a job starting payments in batches leaves those out.
    /// </summary>
    public static async Task<HashSet<(PayableKind Kind, int Id)>> CoveredByOpenPaymentsAsync(
        InvoiceHubDbContext db, IReadOnlyCollection<(PayableKind Kind, int Id)> references, CancellationToken cancellationToken)
    {
        var covered = new HashSet<(PayableKind, int)>();
        foreach (var group in references.GroupBy(r => r.Kind))
        {
            var kind = group.Key;
            var ids = group.Select(r => r.Id).Distinct().ToArray();
            var payments = await db.Payments.AsNoTracking()
                .Where(p => p.Provider == PaymentProvider.Mollie && (p.Status == PaymentStatus.Open || p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Authorized))
                .Where(Payment.IsForAny(kind, ids)).ToListAsync(cancellationToken);
            covered.UnionWith(payments.Select(p => p.StartedFor()).OfType<(PayableKind, int)>());
            var several = await db.PaymentDocuments.AsNoTracking().Where(d => d.Open && d.Kind == kind && ids.Contains(d.DocumentId))
                .Select(d => d.DocumentId).ToListAsync(cancellationToken);
            covered.UnionWith(several.Select(id => (kind, id)));
        }

        return covered;
    }

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
