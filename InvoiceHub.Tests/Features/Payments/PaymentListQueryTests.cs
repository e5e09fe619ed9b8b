using System.Net;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>The staff payment list filters, searches, sorts, pages and exports in the database, on both providers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PaymentListQueryTests(PostgresServer postgres)
{
    [Fact]
    public Task Payments_list_filters_searches_sorts_pages_and_exports_on_SQLite() => AssertListAsync(new InvoiceHubOptions { SeedDemoData = true });

    [RequiresPostgresFact]
    public Task Payments_list_filters_searches_sorts_pages_and_exports_on_PostgreSQL() =>
        AssertListAsync(new InvoiceHubOptions { SeedDemoData = true, Provider = DatabaseProvider.Postgres, Postgres = postgres });

    private static async Task AssertListAsync(InvoiceHubOptions options)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(options);
        var query = app.Services.GetRequiredService<PaymentListQuery>();
        await using var db = app.CreateDbContext();
        var all = await db.Payments.AsNoTracking().ToListAsync();
        Assert.True(all.Count > 10, "the demo business has payments");
        var paidCount = all.Count(p => p.Status == PaymentStatus.Paid);

        var paid = await query.RunAsync(new PaymentListFilter(null, PaymentStatus.Paid, null, null, null, "-amount", 1, PageSize: 5));
        Assert.Equal(paidCount, paid.TotalCount);
        Assert.All(paid.Rows, r => Assert.Equal(PaymentStatus.Paid, r.Status));
        Assert.Equal(paid.Rows.Select(r => r.AmountMinor).OrderByDescending(a => a), paid.Rows.Select(r => r.AmountMinor));
        var second = await query.RunAsync(new PaymentListFilter(null, PaymentStatus.Paid, null, null, null, "-amount", 2, PageSize: 5));
        Assert.Empty(paid.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));

        var newest = await query.RunAsync(new PaymentListFilter(null, null, null, null, null, null, 1, PageSize: 500));
        Assert.Equal(all.Count, newest.TotalCount);
        Assert.Equal(newest.Rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id), newest.Rows.Select(r => r.Id));

        var method = all.GroupBy(p => p.Method).OrderByDescending(g => g.Count()).First();
        var byMethod = await query.RunAsync(new PaymentListFilter(null, null, method.Key, null, null, null, 1, PageSize: 500));
        Assert.Equal(method.Count(), byMethod.TotalCount);

        // Search by client name (any case), by invoice number, by reference.
        var sample = newest.Rows.First(r => r.InvoiceNumber is not null);
        var byClient = await query.RunAsync(new PaymentListFilter(sample.ClientName.ToUpperInvariant(), null, null, null, null, null, 1, PageSize: 500));
        Assert.Contains(byClient.Rows, r => r.Id == sample.Id);
        Assert.All(byClient.Rows, r => Assert.Contains(sample.ClientName, r.ClientName + r.InvoiceNumber + r.Reference + r.ProviderPaymentId, StringComparison.OrdinalIgnoreCase));
        var byNumber = await query.RunAsync(new PaymentListFilter(sample.InvoiceNumber!.ToLowerInvariant(), null, null, null, null, null, 1));
        Assert.Contains(byNumber.Rows, r => r.Id == sample.Id);

        var created = DateOnly.FromDateTime(sample.CreatedAt.UtcDateTime);
        var thatDay = await query.RunAsync(new PaymentListFilter(null, null, null, created, created, null, 1, PageSize: 500));
        Assert.Contains(thatDay.Rows, r => r.Id == sample.Id);
        Assert.All(thatDay.Rows, r => Assert.Equal(created, DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)));
        var future = await query.RunAsync(new PaymentListFilter(null, null, null, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), null, null, 1));
        Assert.Equal(0, future.TotalCount);

        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync("/admin/payments/export.csv"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(staff, DemoUsers.Finance, DemoUsers.Password))
        {
        }

        using var csv = await staff.GetAsync("/admin/payments/export.csv?status=Paid&sort=-amount");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Id,Created,Client,Document,Method,Provider,Status,Currency,Amount,Refunded,MollieId,Reference", lines[0]);
        Assert.Equal(paidCount, lines.Length - 1);
        Assert.StartsWith($"{paid.Rows[0].Id},", lines[1], StringComparison.Ordinal);

        using var page = await staff.GetAsync("/admin/payments?status=Paid");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"payment-table\"", html, StringComparison.Ordinal);
        using var badDate = await staff.GetAsync("/admin/payments?from=30-11-2026");
        Assert.Contains("Write dates as yyyy-mm-dd", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
