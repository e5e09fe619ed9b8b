using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Clients;

public sealed record LedgerRow(int Id, DateTimeOffset CreatedAt, BalanceEntryKind Kind, Money Amount, Money BalanceAfter, string? Reason, int? InvoiceId, int? CreditRequestId,
    string? InvoiceNumber = null, int? PaymentId = null);

public sealed record ClientDocumentRow(string Type, int Id, string Number, string Status, DateOnly? DueDate, Money Total, Money StillToPay, string? Link);

public sealed record ClientDetail(ClientView Client, IReadOnlyList<LedgerRow> Ledger, IReadOnlyList<ClientDocumentRow> Documents);

/// <summary>The staff client page: the client, the newest part of their ledger and their documents.</summary>
public sealed class ClientDetailQuery(IDbContextFactory<InvoiceHubDbContext> dbFactory)
{
    public const int LedgerRows = 100;
    public const int DocumentRows = 100;

    public async Task<ClientDetail?> RunAsync(int clientId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return null;
        }
        var currency = client.Currency;
        // Newest first by time, then id: entries written in one transaction share a time, and ids alone do not
        // say which of two concurrent transactions committed first.
        var ledger = await db.BalanceEntries.AsNoTracking()
            .Where(e => EF.Property<int>(e, "ClientId") == clientId)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(LedgerRows)
            .Select(e => new { e.Id, e.CreatedAt, e.Kind, e.AmountMinor, e.BalanceAfterMinor, e.Reason, e.InvoiceId, e.CreditRequestId, InvoiceNumber = e.Invoice!.Number, e.PaymentId })
            .ToListAsync(cancellationToken);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.ClientId == clientId)
            .OrderByDescending(i => i.DueDate).ThenByDescending(i => i.Id).Take(DocumentRows)
            .Select(i => new { i.Id, i.Number, i.Status, i.DueDate, i.TotalMinor, i.AmountPaidMinor })
            .ToListAsync(cancellationToken);
        var requests = await db.CreditRequests.AsNoTracking().Where(r => r.ClientId == clientId)
            .OrderByDescending(r => r.Id).Take(DocumentRows)
            .Select(r => new { r.Id, r.Status, r.DueDate, r.AmountMinor })
            .ToListAsync(cancellationToken);

        var documents = invoices.Select(i => new ClientDocumentRow("Invoice", i.Id, i.Number ?? InvoiceHub.Web.Resources.StaffText.Draft, i.Status.ToString(), i.DueDate,
                new Money(i.TotalMinor, currency),
                new Money(i.Status == InvoiceStatus.Open ? Math.Max(0, i.TotalMinor - i.AmountPaidMinor) : 0, currency),
                $"/admin/invoices/{i.Id}"))
            .Concat(requests.Select(r => new ClientDocumentRow("Credit Request", r.Id, InvoiceHub.Domain.CreditRequests.CreditRequest.NumberFor(r.Id), r.Status.ToString(), r.DueDate,
                new Money(r.AmountMinor, currency), new Money(r.Status == CreditRequestStatus.Open ? r.AmountMinor : 0, currency), null)))
            .OrderByDescending(d => d.DueDate ?? DateOnly.MinValue).ThenBy(d => d.Type, StringComparer.Ordinal).ThenByDescending(d => d.Id)
            .ToList();
        return new ClientDetail(
            ClientView.From(client),
            ledger.Select(e => new LedgerRow(e.Id, e.CreatedAt, e.Kind, new Money(e.AmountMinor, currency), new Money(e.BalanceAfterMinor, currency), e.Reason, e.InvoiceId, e.CreditRequestId, e.InvoiceNumber, e.PaymentId)).ToList(),
            documents);
    }
}
