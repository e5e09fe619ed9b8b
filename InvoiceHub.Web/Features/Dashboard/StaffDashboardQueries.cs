using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Web.Features.Dashboard;

public sealed record AgingBuckets(long Current, long Days1To30, long Days31To60, long Days61To90, long Over90)
{
    public long Total => Current + Days1To30 + Days31To60 + Days61To90 + Over90;

    /// <summary>The same buckets as the dashboard's query, counted in memory: what is owed, by how long past due on <paramref name="asOf"/>.</summary>
    public static AgingBuckets Of(IEnumerable<(DateOnly Due, long OwedMinor)> open, DateOnly asOf)
    {
        long current = 0, d30 = 0, d60 = 0, d90 = 0, over = 0;
        foreach (var (due, owed) in open)
        {
            var late = asOf.DayNumber - due.DayNumber;
            _ = late switch
            {
                <= 0 => current += owed,
                <= 30 => d30 += owed,
                <= 60 => d60 += owed,
                <= 90 => d90 += owed,
                _ => over += owed,
            };
        }
        return new AgingBuckets(current, d30, d60, d90, over);
    }
}

public sealed record MonthTotal(int Year, int Month, long AmountMinor);

public sealed record OverdueInvoice(int Id, string Number, string ClientName, DateOnly DueDate, long StillToPayMinor);

public sealed record StaffDashboard(AgingBuckets Aging, IReadOnlyList<MonthTotal> CashPerMonth, IReadOnlyList<OverdueInvoice> Overdue, string Currency);

/// <summary>Receivables aging, cash received per month and the most overdue invoices, aggregated in the database.</summary>
public sealed class StaffDashboardQueries(IDbContextFactory<InvoiceHubDbContext> dbFactory, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<StaffDashboard> LoadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var d30 = today.AddDays(-30);
        var d60 = today.AddDays(-60);
        var d90 = today.AddDays(-90);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Open);
        var aging = await open
            .GroupBy(_ => 1)
            .Select(g => new AgingBuckets(
                g.Sum(i => i.DueDate >= today ? i.TotalMinor - i.AmountPaidMinor : 0),
                g.Sum(i => i.DueDate < today && i.DueDate >= d30 ? i.TotalMinor - i.AmountPaidMinor : 0),
                g.Sum(i => i.DueDate < d30 && i.DueDate >= d60 ? i.TotalMinor - i.AmountPaidMinor : 0),
                g.Sum(i => i.DueDate < d60 && i.DueDate >= d90 ? i.TotalMinor - i.AmountPaidMinor : 0),
                g.Sum(i => i.DueDate < d90 ? i.TotalMinor - i.AmountPaidMinor : 0)))
            .SingleOrDefaultAsync(cancellationToken) ?? new AgingBuckets(0, 0, 0, 0, 0);

        var firstMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-(Months - 1));
        var paid = await db.Payments.AsNoTracking()
            .Where(p => p.PaidAt >= firstMonth && p.Provider != PaymentProvider.Balance)
            .Select(p => new { p.PaidAt, p.AmountMinor })
            .ToListAsync(cancellationToken);
        var perMonth = Enumerable.Range(0, Months)
            .Select(m => firstMonth.AddMonths(m))
            .Select(month => new MonthTotal(month.Year, month.Month,
                paid.Where(p => p.PaidAt!.Value.Year == month.Year && p.PaidAt.Value.Month == month.Month).Sum(p => p.AmountMinor)))
            .ToList();

        var overdue = await (
                from i in open
                where i.DueDate < today
                join c in db.Clients on i.ClientId equals c.Id
                orderby i.DueDate, i.Id
                select new OverdueInvoice(i.Id, i.Number!, c.Name, i.DueDate, i.TotalMinor - i.AmountPaidMinor))
            .Take(10)
            .ToListAsync(cancellationToken);

        return new StaffDashboard(aging, perMonth, overdue, "EUR");
    }
}
