using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.CreditNotes;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// The staff invoice and credit request screens pass axe-core's WCAG 2.1 A and AA rules as Admin and as Finance, in the
/// light and the dark theme: the lists, an open invoice with a payment from credit and a timeline, a draft in its
/// editor, the new-invoice form, a credit request and the new-credit-request form, the credit notes and one of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentsAccessibilityTests(BrowserFixture browser, DocumentsAccessibilityTests.Documents documents)
    : IClassFixture<DocumentsAccessibilityTests.Documents>
{
    /// <summary>One app with the demo data for the class, and the documents the detail pages show.</summary>
    public sealed class Documents : IAsyncLifetime
    {
        public InvoiceHubFactory App { get; private set; } = null!;

        public IReadOnlyDictionary<string, string> Paths { get; private set; } = new Dictionary<string, string>();

        public async Task InitializeAsync()
        {
            App = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });
            var data = new ScreenData(App);
            var clientId = await data.CreateClientAsync("Axe Anna");
            await data.SetAutoMarkPaidAsync(true);
            await data.AdjustBalanceAsync(clientId, "10.00");
            var open = await data.OpenInvoiceAsync(clientId, "25.00");
            var draft = await data.DraftAsync(clientId, ("Maths lesson", 1.5m, "10.01", 21m));
            await using var scope = App.Services.CreateAsyncScope();
            var credited = await data.OpenInvoiceAsync(clientId, "40.00");
            var note = await CreditNoteData.CreditAsync(App, credited.Id, 1500);
            var request = await scope.ServiceProvider.GetRequiredService<CreateCreditRequest>()
                .HandleAsync(new CreateCreditRequestCommand(clientId, Money.Parse("75.00", Currency.EUR), "Prepaid tutoring hours"));
            Paths = new Dictionary<string, string>
            {
                ["invoice-list"] = "/admin/invoices",
                ["invoice-open"] = $"/admin/invoices/{open.Id}",
                ["invoice-draft"] = $"/admin/invoices/{draft}",
                ["invoice-new"] = $"/admin/invoices/new?clientId={clientId}",
                ["credit-request-list"] = "/admin/credit-requests",
                ["credit-request-detail"] = $"/admin/credit-requests/{request.Id}",
                ["credit-request-new"] = $"/admin/credit-requests/new?clientId={clientId}",
                ["credit-note-list"] = "/admin/credit-notes",
                ["credit-note-detail"] = $"/admin/credit-notes/{note.Id}",
            };
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        string[] pages = ["invoice-list", "invoice-open", "invoice-draft", "invoice-new", "credit-request-list", "credit-request-detail", "credit-request-new",
            "credit-note-list", "credit-note-detail"];
        foreach (var page in pages)
        {
            foreach (var role in new[] { DemoUsers.Admin, DemoUsers.Finance })
            {
                data.Add(page, role, false);
                data.Add(page, role, true);
            }
        }
        return data;
    }

    [RequiresChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task Document_page_has_no_violations(string page, string email, bool dark) =>
        await Axe.AssertSignedInPageAsync(browser, documents.App.BaseAddress, email, documents.Paths[page], dark,
            $"{page}-{email.Split('@')[0]}");
}
