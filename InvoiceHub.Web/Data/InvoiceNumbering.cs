using InvoiceHub.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Gapless yearly invoice numbers (INV-2026-00001). The counter row is read and incremented inside the
/// caller's transaction, so a rolled-back issue gives its number back and two issues never share one
/// (the counter's concurrency token makes the later one retry through <see cref="MoneyTransaction"/>).
/// </summary>
public static class InvoiceNumbering
{
    public static async Task<string> NextAsync(InvoiceHubDbContext db, int year, CancellationToken cancellationToken)
    {
        // Local first: a batch (demo data, an import) may issue several invoices before it saves.
        var counter = db.InvoiceNumberCounters.Local.FirstOrDefault(c => c.Year == year)
                      ?? await db.InvoiceNumberCounters.SingleOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (counter is null)
        {
            counter = new InvoiceNumberCounter { Year = year, LastNumber = 0 };
            db.InvoiceNumberCounters.Add(counter);
        }
        counter.LastNumber++;
        return InvoiceNumber.Format(year, counter.LastNumber);
    }
}
