using InvoiceHub.Domain.Invoices;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Gapless yearly invoice numbers (INV-2026-00001). The counter row is incremented inside the caller's
/// transaction by one statement of the dialect (<see cref="Dialects.DatabaseDialect.IncrementInvoiceCounterAsync"/>), so a rolled-back issue gives its number back and two issues never
/// share one (on PostgreSQL and SQL Server the update holds the row until commit; a SQLite writer holds the file). A year's first
/// invoice inserts the row; two first invoices at once meet its key and the later one retries through
/// <see cref="MoneyTransaction"/>.
/// </summary>
public static class InvoiceNumbering
{
    public static async Task<string> NextAsync(InvoiceHubDbContext db, int year, CancellationToken cancellationToken)
    {
        // Local first: a batch (demo data, an import) may number several invoices of a new year before it saves.
        var counter = db.InvoiceNumberCounters.Local.FirstOrDefault(c => c.Year == year);
        if (counter is null)
        {
            if (await db.Dialect.IncrementInvoiceCounterAsync(db, year, cancellationToken) is { } number)
            {
                return InvoiceNumber.Format(year, number);
            }
            counter = new InvoiceNumberCounter { Year = year, LastNumber = 0 };
            db.InvoiceNumberCounters.Add(counter);
        }
        counter.LastNumber++;
        return InvoiceNumber.Format(year, counter.LastNumber);
    }
}
