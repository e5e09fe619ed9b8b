using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Data;

/// <summary>
/// Gapless yearly document numbers: invoices (INV-2026-00001) and credit notes (CN-2026-00001), each series with its own
/// counter table. The counter row is incremented inside the caller's transaction by one statement of the dialect
/// (<see cref="Dialects.DatabaseDialect.IncrementCounterAsync"/>), so a rolled-back issue gives its number back and two
/// issues never share one (on PostgreSQL and SQL Server the update holds the row until commit; a SQLite writer holds the
/// file). A year's first document inserts the row; two first documents at once meet its key and the later one retries
/// through <see cref="MoneyTransaction"/>.
/// </summary>
public static class InvoiceNumbering
{
    public const string InvoiceCounters = "InvoiceNumberCounters";
    public const string CreditNoteCounters = "CreditNoteNumberCounters";

    public static async Task<string> NextAsync(InvoiceHubDbContext db, int year, CancellationToken cancellationToken) =>
        InvoiceNumber.Format(year, await NextSequenceAsync(db, db.InvoiceNumberCounters, InvoiceCounters, year, cancellationToken));

    public static async Task<string> NextCreditNoteAsync(InvoiceHubDbContext db, int year, CancellationToken cancellationToken) =>
        CreditNoteNumber.Format(year, await NextSequenceAsync(db, db.CreditNoteNumberCounters, CreditNoteCounters, year, cancellationToken));

    /// <summary>Puts a counter table into a dialect's statement; only the known tables reach SQL, the year stays a parameter.</summary>
    internal static string CounterSql(string template, string counterTable) => counterTable is InvoiceCounters or CreditNoteCounters
        ? template.Replace("{table}", counterTable, StringComparison.Ordinal)
        : throw new ArgumentOutOfRangeException(nameof(counterTable), counterTable, "Not a number counter table.");

    private static async Task<int> NextSequenceAsync<T>(InvoiceHubDbContext db, DbSet<T> counters, string table, int year, CancellationToken cancellationToken)
        where T : NumberCounter, new()
    {
        // Local first: a batch (demo data, an import) may number several documents of a new year before it saves.
        var counter = counters.Local.FirstOrDefault(c => c.Year == year);
        if (counter is null)
        {
            if (await db.Dialect.IncrementCounterAsync(db, table, year, cancellationToken) is { } number)
            {
                return number;
            }

            counter = new T { Year = year, LastNumber = 0 };
            counters.Add(counter);
        }

        counter.LastNumber++;
        return counter.LastNumber;
    }
}
