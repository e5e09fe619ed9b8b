using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Payments;

public sealed record PayableLine(string Description, decimal Quantity, long UnitPriceMinor, decimal TaxRatePercent, long TotalMinor);

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
    string Currency)
{
    public string Path => PaymentViews.DocumentPath(Kind, Id);
}

/// <summary>What the anonymous return page may show: the status and which document, nothing about the payer.</summary>
public sealed record PaymentReturnView(int PaymentId, PaymentStatus Status, string Number, string DocumentPath, int ClientId);

public sealed class PaymentViews(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public static string DocumentPath(PayableKind kind, int id) =>
        kind == PayableKind.Invoice ? $"/portal/invoices/{id}" : $"/portal/credit-requests/{id}";

    /// <summary>The document when it belongs to <paramref name="clientId"/>; null otherwise (drafts included: they are not the client's yet).</summary>
    public async Task<PayableDocumentView?> DocumentAsync(PayableKind kind, int id, int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (kind == PayableKind.Invoice)
        {
            var invoice = await db.Invoices.AsNoTracking()
                .SingleOrDefaultAsync(i => i.Id == id && i.ClientId == clientId && i.Status != InvoiceStatus.Draft, cancellationToken);
            return invoice is null
                ? null
                : new PayableDocumentView(kind, invoice.Id, invoice.Number!, invoice.Status.ToString(), invoice.Status == InvoiceStatus.Open,
                    invoice.DueDate,
                    invoice.Lines.OrderBy(l => l.Position)
                        .Select(l => new PayableLine(l.Description, l.Quantity, l.UnitPriceMinor, l.TaxRatePercent, l.NetMinor + l.TaxMinor)).ToList(),
                    invoice.TotalMinor, invoice.StillToPayMinor, invoice.Currency.Code);
        }

        var request = await db.CreditRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.ClientId == clientId, cancellationToken);
        return request is null
            ? null
            : new PayableDocumentView(kind, request.Id, InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(request.Id), request.Status.ToString(),
                request.Status == CreditRequestStatus.Open, request.DueDate,
                [new PayableLine(request.Description, 1m, request.AmountMinor, 0m, request.AmountMinor)],
                request.AmountMinor, request.Status == CreditRequestStatus.Open ? request.AmountMinor : 0, request.Currency.Code);
    }

    public async Task<PaymentReturnView?> ReturnAsync(int paymentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.Id == paymentId && p.Provider == PaymentProvider.Mollie)
            .Select(p => new { p.Id, p.Status, p.ClientId, p.InvoiceId, p.CreditRequestId, InvoiceNumber = p.Invoice!.Number })
            .SingleOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            return null;
        }

        return payment.InvoiceId is { } invoiceId
            ? new PaymentReturnView(payment.Id, payment.Status, payment.InvoiceNumber ?? "", DocumentPath(PayableKind.Invoice, invoiceId), payment.ClientId)
            : payment.CreditRequestId is { } requestId
                ? new PaymentReturnView(payment.Id, payment.Status, InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(requestId), DocumentPath(PayableKind.CreditRequest, requestId), payment.ClientId)
                : new PaymentReturnView(payment.Id, payment.Status, await SeveralNumbersAsync(db, payment.Id, cancellationToken), "/portal", payment.ClientId);
    }

    /// <summary>The numbers of a payment for several documents, as the payer chose them ("INV-2026-00001, CR-3").</summary>
    private static async Task<string> SeveralNumbersAsync(InvoiceHubDbContext db, int paymentId, CancellationToken cancellationToken)
    {
        var documents = await db.PaymentDocuments.AsNoTracking().Where(d => d.PaymentId == paymentId).OrderBy(d => d.Id).ToListAsync(cancellationToken);
        var invoiceIds = documents.Where(d => d.Kind == PayableKind.Invoice).Select(d => d.DocumentId).ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => invoiceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number ?? "", cancellationToken);
        return documents.Count == 0
            ? "your documents"
            : string.Join(", ", documents.Select(d => d.Kind == PayableKind.Invoice ? numbers.GetValueOrDefault(d.DocumentId, "") : InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(d.DocumentId)));
    }
}
