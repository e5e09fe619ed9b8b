using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Invoices;

/// <summary>Loading invoices to change them: always with their allocations (the lines are owned and come along).</summary>
public static class InvoiceQueries
{
    public static async Task<Invoice> LoadInvoiceAsync(this InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken) =>
        await db.Invoices.Include(i => i.Allocations).SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken)
        ?? throw new NotFoundException("invoice", invoiceId);

    /// <summary>An invoice and its client for a money change, the client's row locked first (see <see cref="RowLocks"/>).</summary>
    public static async Task<(Invoice Invoice, Client Client)> LoadInvoiceWithClientAsync(this InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        if (!db.Dialect.LocksRows)
        {
            // Without row locks (SQLite's transaction began IMMEDIATE) nothing can change under it: no lock order to keep.
            var invoice = await db.LoadInvoiceAsync(invoiceId, cancellationToken);
            return (invoice, await db.LoadClientAsync(invoice.ClientId, cancellationToken));
        }
        var clientId = await db.FindInvoiceClientIdAsync(invoiceId, cancellationToken) ?? throw new NotFoundException("invoice", invoiceId);
        var client = await db.LoadLockedClientAsync(clientId, cancellationToken);
        return (await db.LoadInvoiceAsync(invoiceId, cancellationToken), client);
    }

    /// <summary>The client's open invoices in the order rule 2 pays them: oldest due date, then number, then id.</summary>
    public static async Task<List<Invoice>> LoadOpenInvoicesAsync(this InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        await db.Invoices
            .Include(i => i.Allocations)
            .Where(i => i.ClientId == clientId && i.Status == InvoiceStatus.Open)
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.Number)
            .ThenBy(i => i.Id)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    public static async Task<Currency?> FindInvoiceCurrencyAsync(this InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Currency }).SingleOrDefaultAsync(cancellationToken);
        return invoice?.Currency;
    }
}
