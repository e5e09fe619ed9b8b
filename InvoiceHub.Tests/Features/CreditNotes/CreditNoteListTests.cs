using System.Net;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Features.Receipts;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditNotes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.CreditNotes;

/// <summary>The credit note list: search by number, invoice or client, sorting and paging in the database, one client's only, and the CSV export.</summary>
public sealed class CreditNoteListTests : DemoAppTest
{
    [Fact]
    public async Task The_list_searches_number_invoice_and_client_sorts_and_pages()
    {
        var ada = await Data.CreateClientAsync("Ada Credit");
        var bob = await Data.CreateClientAsync("Bob Refund");
        var adaInvoice = await Data.OpenInvoiceAsync(ada, "100.00");
        var bobInvoice = await Data.OpenInvoiceAsync(bob, "100.00");
        var first = await CreditNoteData.CreditAsync(App, adaInvoice.Id, 1000);
        var second = await CreditNoteData.CreditAsync(App, adaInvoice.Id, 3000);
        var third = await CreditNoteData.CreditAsync(App, bobInvoice.Id, 2000);
        var query = App.Services.GetRequiredService<CreditNoteListQuery>();

        var byNumber = await query.RunAsync(new CreditNoteListFilter(second.Number.ToLowerInvariant(), null, 1));
        var byInvoice = await query.RunAsync(new CreditNoteListFilter(bobInvoice.Number, null, 1));
        var byClient = await query.RunAsync(new CreditNoteListFilter("ADA cred", "total", 1));
        var newestFirst = await query.RunAsync(new CreditNoteListFilter(null, null, 1));
        var pageTwo = await query.RunAsync(new CreditNoteListFilter(null, "-total", 2, PageSize: 2));
        var bobsOnly = await query.RunAsync(new CreditNoteListFilter(null, null, 1, ClientId: bob));

        Assert.Equal([second.Id], byNumber.Rows.Select(r => r.Id));
        Assert.Equal([third.Id], byInvoice.Rows.Select(r => r.Id));
        Assert.Equal([first.Id, second.Id], byClient.Rows.Select(r => r.Id));
        Assert.Equal([third.Id, second.Id, first.Id], newestFirst.Rows.Select(r => r.Id));
        Assert.Equal((2, 3, 2), (pageTwo.Page, pageTwo.TotalCount, pageTwo.PageCount));
        Assert.Equal([first.Id], pageTwo.Rows.Select(r => r.Id));
        var row = Assert.Single(bobsOnly.Rows);
        Assert.Equal((third.Number, bobInvoice.Number, "Bob Refund", 2000L, "EUR"), (row.Number, row.InvoiceNumber, row.ClientName, row.TotalMinor, row.Currency));
    }

    [Fact]
    public async Task Staff_export_the_list_with_its_search_as_csv()
    {
        var clientId = await Data.CreateClientAsync("Export, \"Quoted\" Cleo");
        var invoice = await Data.OpenInvoiceAsync(clientId, "50.00");
        var note = await CreditNoteData.CreditAsync(App, invoice.Id, 1234);
        await CreditNoteData.CreditAsync(App, (await Data.OpenInvoiceAsync(await Data.CreateClientAsync("Somebody Else"), "10.00")).Id, 500);

        using var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync("/admin/credit-notes/export.csv"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var staff = await SsrForm.SignedInClientAsync(App, DemoUsers.Finance);
        using var csv = await staff.GetAsync("/admin/credit-notes/export.csv?q=quoted");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Number,IssuedOn,Invoice,Client,Currency,Total", lines[0]);
        Assert.Equal($"{note.Number},{note.IssuedOn:yyyy-MM-dd},{invoice.Number},\"Export, \"\"Quoted\"\" Cleo\",EUR,12.34", Assert.Single(lines[1..]));
    }
}
