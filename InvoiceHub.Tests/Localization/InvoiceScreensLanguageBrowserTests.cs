using InvoiceHub.Domain;
using InvoiceHub.Tests.Features.CreditNotes;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// The back office's document pages in the staff member's language: an open invoice with its Pay From Credit and Void
/// dialogs and its payment link panel, a credit request and a credit note. On each, nothing of the English of the
/// staff's texts (SharedText, StaffText, InvoiceText) shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvoiceScreensLanguageBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    // Two cores shared with builds and the other test classes: a page may take longer than Playwright's 5 s default.
    private const float Patience = 20_000;

    [RequiresChromiumTheory]
    [InlineData("es", "Pagar con saldo", "Anular factura", "Solicitud de crédito", "Cancelar solicitud", "Nota de crédito", "1 enlace revocado; ya no abre el documento.")]
    [InlineData("nl", "Betalen met tegoed", "Factuur ongeldig maken", "Tegoedverzoek", "Verzoek annuleren", "Creditnota", "1 link ingetrokken; hij opent het document niet meer.")]
    public async Task A_staff_member_reads_invoices_credit_requests_and_credit_notes_in_their_language(
        string code, string payFromCredit, string voidInvoice, string creditRequest, string cancelRequest, string creditNote, string revoked)
    {
        await Data.SetAutoMarkPaidAsync(true);
        var clientId = await Data.CreateClientAsync("Lucía Ortega");
        var invoice = await Data.OpenInvoiceAsync(clientId, "100.00");
        await Data.AdjustBalanceAsync(clientId, "30.00");
        var note = await CreditNoteData.CreditAsync(App, invoice.Id, 2_000);
        int requestId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            requestId = (await scope.ServiceProvider.GetRequiredService<CreateCreditRequest>()
                .HandleAsync(new CreateCreditRequestCommand(clientId, Money.Parse("40.00", Currency.EUR), "Bono 10 h"))).Id;
        }

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, $"invoice-screens-{code}");
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin");
        await page.GetByTestId($"language-{code}").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code, new() { Timeout = Patience });

        // The invoice: its page, then each dialog open in turn.
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code);
        await Assertions.Expect(page.GetByTestId("invoice-title")).ToHaveTextAsync(invoice.Number!, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-from-credit")).ToHaveTextAsync(payFromCredit);
        await Assertions.Expect(page.GetByTestId("invoice-credit-note")).ToContainTextAsync(note.Number);
        await EnglishLeaks.AssertNoneAsync(page, code, "invoice", EnglishLeaks.BackOffice);

        await page.GetByTestId("pay-from-credit").ClickAsync();
        var credit = page.GetByTestId("pay-from-credit-dialog");
        await Assertions.Expect(page.Locator("#pay-from-credit-dialog-title")).ToHaveTextAsync(payFromCredit, new() { Timeout = Patience });
        await Assertions.Expect(credit.GetByTestId("confirm-pay-from-credit")).ToHaveTextAsync(payFromCredit);
        await credit.GetByLabel($"{(code == "es" ? "Importe" : "Bedrag")} (EUR)").FillAsync("999.00");
        await credit.GetByTestId("confirm-pay-from-credit").ClickAsync();
        await Assertions.Expect(credit.GetByTestId("field-error")).ToContainTextAsync(code == "es" ? "Como máximo" : "hoogstens", new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "pay-from-credit", EnglishLeaks.BackOffice);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(credit).ToHaveCountAsync(0, new() { Timeout = Patience });

        await page.GetByTestId("void").ClickAsync();
        var voiding = page.GetByTestId("void-dialog");
        await Assertions.Expect(voiding.GetByTestId("confirm-void")).ToHaveTextAsync(voidInvoice, new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "void", EnglishLeaks.BackOffice);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(voiding).ToHaveCountAsync(0, new() { Timeout = Patience });

        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-online").First.ClickAsync();
        var panel = page.GetByTestId("payment-link-panel");
        await panel.GetByTestId("create-payment-link").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(panel.GetByTestId("payment-link-url")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(panel.GetByTestId("copy-payment-link")).ToHaveTextAsync(code == "es" ? "Copiar" : "Kopiëren");
        await EnglishLeaks.AssertNoneAsync(page, code, "payment-link", EnglishLeaks.BackOffice);
        await panel.GetByTestId("revoke-payment-links").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("payment-link-message")).ToHaveTextAsync(revoked, new() { Timeout = Patience });
        await session.ScreenshotAsync($"invoice-payment-link-{code}");

        // The credit request and the credit note.
        await session.GotoInteractiveAsync($"/admin/credit-requests/{requestId}");
        await Assertions.Expect(page.GetByTestId("credit-request-title")).ToHaveTextAsync($"{creditRequest} CR-{requestId}", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("cancel-credit-request")).ToHaveTextAsync(cancelRequest);
        await EnglishLeaks.AssertNoneAsync(page, code, "credit-request", EnglishLeaks.BackOffice);

        await session.GotoInteractiveAsync($"/admin/credit-notes/{note.Id}");
        await Assertions.Expect(page.GetByTestId("credit-note-title")).ToHaveTextAsync($"{creditNote} {note.Number}", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("credit-note-invoice")).ToHaveTextAsync(invoice.Number!);
        await EnglishLeaks.AssertNoneAsync(page, code, "credit-note", EnglishLeaks.BackOffice);
    }
}
