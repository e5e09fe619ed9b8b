using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.CreditNotes;

/// <summary>Credit notes in the browser: Finance finds one in the list, reads it and its invoice; the client sees theirs in the portal and downloads the PDF.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditNoteBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Finance_finds_a_credit_note_in_the_list_opens_it_and_the_invoice_lists_it_with_its_timeline_entry()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var clientId = await Data.CreateClientAsync("Nora Notes");
        var invoice = await Data.IssueAsync(await Data.DraftAsync(clientId, ("Tutoring", 1m, "100.00", 21m), ("Workbook", 1m, "10.00", 9m)));
        var note = await CreditNoteData.CreditAsync(App, invoice.Id, 2000);
        await CreditNoteData.CreditAsync(App, (await Data.OpenInvoiceAsync(await Data.CreateClientAsync("Other Person"), "30.00")).Id, 500);

        await using var finance = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_finds_a_credit_note_in_the_list_opens_it_and_the_invoice_lists_it_with_its_timeline_entry));
        await finance.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await finance.GotoInteractiveAsync("/admin/credit-notes");
        await Assertions.Expect(finance.Page.GetByTestId("staff-nav").GetByRole(AriaRole.Link, new() { Name = "Credit notes" })).ToBeVisibleAsync();
        var list = finance.Page.GetByTestId("credit-note-list");
        await Assertions.Expect(list.GetByTestId("credit-note-link")).ToHaveCountAsync(2);
        await finance.Page.GetByLabel("Search by number, invoice or client").FillAsync("nora");
        await Assertions.Expect(list.GetByTestId("credit-note-link")).ToHaveCountAsync(1);
        await Assertions.Expect(list).ToContainTextAsync(invoice.Number!);
        await Assertions.Expect(finance.Page.GetByTestId("credit-note-export")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("q=nora"));
        await finance.ScreenshotAsync("credit-note-list");

        await list.GetByTestId("credit-note-link").ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("credit-note-title")).ToHaveTextAsync($"Credit note {note.Number}");
        await Assertions.Expect(finance.Page.GetByTestId("credit-note-total")).ToContainTextAsync("20.00");
        await Assertions.Expect(finance.Page.GetByTestId("credit-note-lines")).ToContainTextAsync("Workbook");
        var pdf = await finance.Page.APIRequest.GetAsync(await finance.Page.GetByTestId("credit-note-pdf").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Contains(note.Number, PdfText.Extract(await pdf.BodyAsync()), StringComparison.Ordinal);
        await finance.ScreenshotAsync("credit-note-detail");

        await finance.Page.GetByTestId("credit-note-invoice").ClickAsync();
        await Assertions.Expect(finance.Page.GetByTestId("invoice-credit-note")).ToContainTextAsync(note.Number);
        await Assertions.Expect(finance.Page.GetByText($"Credit note {note.Number}: €20.00 credited")).ToBeVisibleAsync();
    }

    [RequiresChromiumFact]
    public async Task The_client_sees_their_credit_note_in_the_portal_and_downloads_its_pdf_but_never_another_clients()
    {
        await Data.SetAutoMarkPaidAsync(false);
        int clientId;
        await using (var db = App.CreateDbContext())
        {
            clientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }

        var invoice = await Data.OpenInvoiceAsync(clientId, "60.00");
        var note = await CreditNoteData.CreditAsync(App, invoice.Id, 1500);
        var other = await CreditNoteData.CreditAsync(App, (await Data.OpenInvoiceAsync(await Data.CreateClientAsync("Someone Else"), "30.00")).Id, 500);

        await using var client = await Browser.NewSessionAsync(App.BaseAddress, nameof(The_client_sees_their_credit_note_in_the_portal_and_downloads_its_pdf_but_never_another_clients));
        await client.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await client.GotoInteractiveAsync($"/portal/invoices/{invoice.Id}");
        await Assertions.Expect(client.Page.GetByTestId("invoice-credit-note")).ToContainTextAsync(note.Number);

        await client.Page.GetByRole(AriaRole.Link, new() { Name = "Credit notes" }).ClickAsync();
        var list = client.Page.GetByTestId("portal-credit-notes");
        await Assertions.Expect(list).ToContainTextAsync(note.Number);
        await Assertions.Expect(list).Not.ToContainTextAsync(other.Number);
        await client.ScreenshotAsync("portal-credit-notes");
        var pdf = await client.Page.APIRequest.GetAsync(await list.GetByTestId("portal-credit-note-pdf").First.GetAttributeAsync("href") ?? "");
        Assert.Equal(200, pdf.Status);
        Assert.Contains($"Credit note {note.Number} for invoice", PdfText.Extract(await pdf.BodyAsync()), StringComparison.Ordinal);
        var theirs = await client.Page.APIRequest.GetAsync($"/portal/credit-notes/{other.Id}/pdf");
        Assert.Equal(404, theirs.Status);
    }

    [RequiresChromiumFact]
    public async Task Finance_credits_part_of_an_invoice_from_its_page_and_still_to_pay_drops_bad_input_writes_nothing()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var invoice = await Data.OpenInvoiceAsync(await Data.CreateClientAsync("Paula Partial"), "100.00");

        await using var finance = await Browser.NewSessionAsync(App.BaseAddress, nameof(Finance_credits_part_of_an_invoice_from_its_page_and_still_to_pay_drops_bad_input_writes_nothing));
        await finance.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await finance.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        await finance.Page.GetByTestId("create-credit-note").ClickAsync();
        var dialog = finance.Page.GetByTestId("credit-note-dialog");
        var amount = dialog.GetByLabel("Amount to credit (EUR, VAT included)");
        await amount.FillAsync("100.01");
        await dialog.GetByTestId("issue-credit-note").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("up to 100.00");
        await amount.FillAsync("abc");
        await dialog.GetByTestId("issue-credit-note").ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Write an amount like 12.50");
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(0, await db.CreditNotes.CountAsync());
        }

        await amount.FillAsync("30.00");
        await dialog.GetByTestId("issue-credit-note").ClickAsync();
        await Assertions.Expect(finance.Page.Locator(".mud-snackbar")).ToContainTextAsync("issued for");
        await Assertions.Expect(finance.Page.GetByTestId("totals-still-to-pay")).ToContainTextAsync("70.00");
        await Assertions.Expect(finance.Page.GetByTestId("invoice-credit-note")).ToContainTextAsync("30.00");
        await finance.ScreenshotAsync("credited-from-invoice-page");
        await using var check = App.CreateDbContext();
        Assert.Equal(3000, (await check.CreditNotes.SingleAsync()).TotalMinor);
    }
}
