using System.Net;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvoiceHub.Tests.Features.Invoices;

/// <summary>The invoice and client lists export what their filters show, every page, as CSV.</summary>
public sealed class CsvExportTests : IAsyncLifetime
{
    private InvoiceHubFactory _app = null!;
    private ScreenData _data = null!;

    public async Task InitializeAsync()
    {
        _app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true });
        _data = new ScreenData(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Invoice_export_keeps_the_filters_and_client_export_the_search()
    {
        var clientId = await _data.CreateClientAsync("Export, \"Quoted\" Ellen", "ellen-export@example.test");
        var open = await _data.OpenInvoiceAsync(clientId, "12.34");
        await _data.DraftAsync(clientId, ("Draft only", 1m, "5.00", 0m));

        using var anonymous = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync("/admin/invoices/export.csv"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var staff = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(staff, DemoUsers.Finance, DemoUsers.Password))
        {
        }
        using var invoices = await staff.GetAsync("/admin/invoices/export.csv?q=quoted&status=Open");
        Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
        Assert.Equal("text/csv", invoices.Content.Headers.ContentType?.MediaType);
        var lines = (await invoices.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Number,Client,Status,Overdue,DueDate,Currency,Total,StillToPay", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith($"{open.Number},\"Export, \"\"Quoted\"\" Ellen\",Open,False,", row, StringComparison.Ordinal);
        Assert.EndsWith(",EUR,12.34,12.34", row, StringComparison.Ordinal);

        using var clients = await staff.GetAsync("/admin/clients/export.csv?q=ellen-export");
        var clientLines = (await clients.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Name,Email,Currency,Balance,OpenInvoices,StillToPay", clientLines[0]);
        Assert.Equal("\"Export, \"\"Quoted\"\" Ellen\",ellen-export@example.test,EUR,0.00,1,12.34", Assert.Single(clientLines[1..]));
    }
}
