using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The staff invoice list filters, searches, sorts and pages in the database, on both providers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InvoiceListQueryTests(PostgresServer postgres)
{
    [Fact]
    public Task List_filters_searches_sorts_and_pages_on_SQLite() => AssertListAsync(new InvoiceHubOptions { SeedDemoData = true });

    [RequiresPostgresFact]
    public Task List_filters_searches_sorts_and_pages_on_PostgreSQL() =>
        AssertListAsync(new InvoiceHubOptions { SeedDemoData = true, Provider = DatabaseProvider.Postgres, Postgres = postgres });

    private static async Task AssertListAsync(InvoiceHubOptions options)
    {
        await using var app = await InvoiceHubFactory.CreateAsync(options);
        var query = app.Services.GetRequiredService<InvoiceListQuery>();
        await using var db = app.CreateDbContext();
        var openCount = await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Open);
        Assert.True(openCount > 10, "the demo business has open invoices");

        var open = await query.RunAsync(new InvoiceListFilter(null, InvoiceStatus.Open, false, null, null, null, 1, PageSize: 10));
        Assert.Equal(openCount, open.TotalCount);
        Assert.All(open.Rows, r => Assert.Equal(InvoiceStatus.Open, r.Status));
        Assert.Equal(open.Rows.OrderBy(r => r.DueDate).ThenBy(r => r.Id).Select(r => r.Id), open.Rows.Select(r => r.Id));
        Assert.All(open.Rows, r => Assert.True(r.StillToPayMinor > 0 && r.StillToPayMinor <= r.TotalMinor));

        var second = await query.RunAsync(new InvoiceListFilter(null, InvoiceStatus.Open, false, null, null, null, 2, PageSize: 10));
        Assert.Empty(open.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));

        // Case-insensitive search on the client's name.
        var cleo = await query.RunAsync(new InvoiceListFilter("cLEO", null, false, null, null, null, 1));
        Assert.NotEmpty(cleo.Rows);
        Assert.All(cleo.Rows, r => Assert.Equal("Cleo Client", r.ClientName));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var overdue = await query.RunAsync(new InvoiceListFilter(null, null, true, null, null, "-total", 1, PageSize: 500));
        Assert.Equal(await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Open && i.DueDate < today), overdue.TotalCount);
        Assert.All(overdue.Rows, r => Assert.True(r.DueDate < today));
        Assert.Equal(overdue.Rows.Select(r => r.TotalMinor).OrderByDescending(t => t), overdue.Rows.Select(r => r.TotalMinor));

        // A page past the end shows the last page instead of nothing.
        var beyond = await query.RunAsync(new InvoiceListFilter(null, InvoiceStatus.Open, false, null, null, null, 9999, PageSize: 10));
        Assert.Equal(beyond.PageCount, beyond.Page);
        Assert.NotEmpty(beyond.Rows);
    }
}
