using System.Net;
using InvoiceHub.Domain.CreditNotes;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Features.Receipts;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditNotes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;

namespace InvoiceHub.Tests.Features.CreditNotes;

/// <summary>The credit note PDF: what it says, and who may download it (staff, the owning client, the API; nobody else).</summary>
public sealed class CreditNotePdfTests : DemoAppTest
{
    [Fact]
    public async Task The_pdf_names_the_credit_note_and_its_invoice_and_shows_the_lines_VAT_per_rate_and_total()
    {
        var clientId = await Data.CreateClientAsync("Ωμέγα Credit Client");
        var invoice = await Data.IssueAsync(await Data.DraftAsync(clientId, ("Tutoring", 1m, "100.00", 21m), ("Workbook", 1m, "10.00", 9m), ("Exam fee", 1m, "5.00", 0m)));
        var note = await IssueAsync(new CreditNoteCommand(invoice.Id, [new CreditedLine(1, 6050), new CreditedLine(2, 1090), new CreditedLine(3, 500)], null, PaidMoneyDestination.Balance, "Lessons cancelled", "finance"));

        var rendered = await App.Services.GetRequiredService<CreditNotePdf>().RenderAsync(note.Id);

        Assert.NotNull(rendered);
        Assert.Equal($"{note.Number}.pdf", rendered.Value.FileName);
        var text = PdfText.Extract(rendered.Value.Content);
        // The heading wraps at 18 points; the file's title holds it whole.
        Assert.Contains($"Credit note {note.Number} for invoice", text, StringComparison.Ordinal);
        using (var document = PdfReader.Open(new MemoryStream(rendered.Value.Content), PdfDocumentOpenMode.Import))
        {
            Assert.Equal($"Credit note {note.Number} for invoice {invoice.Number}", document.Info.Title);
        }

        Assert.Contains($"takes back €76.40 of invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains($"Credits invoice: {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Ωμέγα Credit Client", text, StringComparison.Ordinal);
        Assert.Contains("Line 1: Tutoring", text, StringComparison.Ordinal);
        Assert.Contains("Line 2: Workbook", text, StringComparison.Ordinal);
        Assert.Contains("Reason: Lessons cancelled", text, StringComparison.Ordinal);
        // 60.50 at 21% is 50.00 net + 10.50 VAT; 10.90 at 9% is 10.00 + 0.90; 5.00 at 0% (exempt).
        Assert.Contains("VAT 21% of €50.00", text, StringComparison.Ordinal);
        Assert.Contains("€10.50", text, StringComparison.Ordinal);
        Assert.Contains("VAT 9% of €10.00", text, StringComparison.Ordinal);
        Assert.Contains("VAT 0% of €5.00", text, StringComparison.Ordinal);
        Assert.Contains("Net", text, StringComparison.Ordinal);
        Assert.Contains("€65.00", text, StringComparison.Ordinal);
        Assert.Contains("Total", text, StringComparison.Ordinal);
        Assert.Contains("€76.40", text, StringComparison.Ordinal);
        Assert.Contains("VAT exempt", text, StringComparison.Ordinal);
        Assert.Contains("Nothing is to be paid on this credit note", text, StringComparison.Ordinal);
        Assert.DoesNotContain("How to pay", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/pay/", text, StringComparison.Ordinal);
        Assert.Empty(PdfText.Links(rendered.Value.Content));
    }

    [Fact]
    public async Task Staff_the_owning_client_and_the_api_get_the_pdf_and_another_client_gets_404()
    {
        int ownClientId;
        await using (var db = App.CreateDbContext())
        {
            ownClientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }

        var own = await CreditAsync(ownClientId);
        var other = await CreditAsync(await Data.CreateClientAsync("Someone Else"));

        using var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (var refused = await anonymous.GetAsync($"/admin/credit-notes/{own.Id}/pdf"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var staff = await SsrForm.SignedInClientAsync(App, DemoUsers.Finance);

        using (var pdf = await staff.GetAsync($"/admin/credit-notes/{other.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"{other.Number}.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar ?? pdf.Content.Headers.ContentDisposition?.FileName);
        }

        using var portal = await SsrForm.SignedInClientAsync(App, DemoUsers.Client);

        using (var mine = await portal.GetAsync($"/portal/credit-notes/{own.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
            using var document = PdfReader.Open(await mine.Content.ReadAsStreamAsync(), PdfDocumentOpenMode.Import);
            Assert.Equal($"Credit note {own.Number} for invoice {own.InvoiceNumber}", document.Info.Title);
        }

        using (var theirs = await portal.GetAsync($"/portal/credit-notes/{other.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        }

        using (var staffOnly = await portal.GetAsync($"/admin/credit-notes/{own.Id}/pdf"))
        {
            Assert.NotEqual(HttpStatusCode.OK, staffOnly.StatusCode);
        }

        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ih_dev_key");
        using (var viaApi = await api.GetAsync($"/api/v1/credit-notes/{other.Id}/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
            Assert.Contains(other.Number, PdfText.Extract(await viaApi.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        using (var missing = await api.GetAsync("/api/v1/credit-notes/999999/pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<CreditNoteView> CreditAsync(int clientId) =>
        await CreditNoteData.CreditAsync(App, (await Data.OpenInvoiceAsync(clientId, "40.00")).Id, 1500);

    private Task<CreditNoteView> IssueAsync(CreditNoteCommand command) => CreditNoteData.IssueAsync(App, command);
}
