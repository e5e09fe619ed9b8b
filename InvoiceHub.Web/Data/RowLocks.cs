using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Pessimistic row locks taken at the start of a money transaction where the dialect uses them (PostgreSQL, SQL Server), so that
/// operations on one client queue instead of racing and retrying. They only reduce retries: the <c>Version</c> tokens
/// still guarantee correctness. SQLite needs none, because its transactions begin IMMEDIATE and writers queue anyway.
/// Lock order is always client, then invoice-number counter (its UPDATE in <see cref="InvoiceNumbering"/>), so two
/// transactions never wait on each other.
/// </summary>
public static class RowLocks
{
    public static Task LockClientAsync(this InvoiceHubDbContext db, int clientId, CancellationToken cancellationToken) =>
        db.Dialect.LockClientAsync(db, clientId, cancellationToken);

    /// <summary>The client of an invoice (it never changes), read before anything is locked.</summary>
    public static async Task<int?> FindInvoiceClientIdAsync(this InvoiceHubDbContext db, int invoiceId, CancellationToken cancellationToken) =>
        await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => (int?)i.ClientId).SingleOrDefaultAsync(cancellationToken);

    public static async Task<int?> FindCreditRequestClientIdAsync(this InvoiceHubDbContext db, int creditRequestId, CancellationToken cancellationToken) =>
        await db.CreditRequests.AsNoTracking().Where(r => r.Id == creditRequestId).Select(r => (int?)r.ClientId).SingleOrDefaultAsync(cancellationToken);
}
