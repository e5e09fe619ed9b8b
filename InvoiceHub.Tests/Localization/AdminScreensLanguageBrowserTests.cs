using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Localization;

/// <summary>
/// The back office's payment, client and administration screens read the staff member's language: an admin who chose
/// Spanish or Dutch sees a payment with its Refund dialog, a client, the client form's validation messages, Settings,
/// Payment Providers, Jobs and the mailbox in it, and nothing of the English of the back office's texts (SharedText,
/// StaffText, AdminText) on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminScreensLanguageBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Two cores shared with builds and the other test classes: a page may take longer than Playwright's 5 s default.
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumTheory]
    [InlineData("es", "Reembolsar", "Indique por qué se reembolsa el dinero.", "Ajustar saldo", "Introduzca el nombre del cliente.", "Pago de facturas en línea", "Guardar Transferencia bancaria", "Ejecutar ahora", "Destinatario")]
    [InlineData("nl", "Terugbetalen", "Geef aan waarom het geld wordt terugbetaald.", "Tegoed aanpassen", "Voer de naam van de klant in.", "Online factuurbetaling", "Overschrijving opslaan", "Nu uitvoeren", "Ontvanger")]
    public async Task An_admin_reads_payments_clients_and_administration_in_their_language(
        string code, string refund, string sayWhy, string adjustBalance, string enterName, string onlineInvoicePayment, string saveWire, string runNow, string recipient)
    {
        // A client of the same language (so that the receipt in the mailbox is theirs too) with a card payment to refund.
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(8_000);
        string email;
        await using (var db = _t.App.CreateDbContext())
        {
            Assert.Equal(1, await db.Clients.Where(c => c.Id == clientId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Language, code).SetProperty(c => c.Name, "Lucía Vargas")));
            email = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Email).SingleAsync();
        }
        var started = await _t.StartInvoicePaymentAsync(invoiceId);
        await _t.SetMollieStatusAsync(await _t.ProviderIdOfAsync(started.PaymentId), "paid");
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).RecordedAt != null, "the payment is recorded");

        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, $"admin-screens-{code}");
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync("/admin");
        await page.GetByTestId($"language-{code}").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", code, new() { Timeout = Patience });

        // The payment, then its Refund dialog refusing a refund without a reason.
        await session.GotoInteractiveAsync($"/admin/payments/{started.PaymentId}");
        await Assertions.Expect(page.GetByTestId("settled-part")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("refund")).ToHaveTextAsync(refund);
        await EnglishLeaks.AssertNoneAsync(page, code, "payment", EnglishLeaks.BackOffice);
        await page.GetByTestId("refund").ClickAsync();
        var dialog = page.GetByTestId("refund-dialog");
        await Assertions.Expect(dialog.GetByTestId("confirm-refund")).ToHaveTextAsync(refund, new() { Timeout = Patience });
        await dialog.GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(dialog.Locator("#refund-reason-error")).ToHaveTextAsync(sayWhy, new() { Timeout = Patience });
        // The × is MudBlazor's own button; MudBlazor's texts follow the language too (MudTextLocalizer).
        await Assertions.Expect(page.Locator(".mud-dialog .mud-button-close")).Not.ToHaveAttributeAsync("aria-label", "Close");
        await EnglishLeaks.AssertNoneAsync(page, code, "refund-dialog", EnglishLeaks.BackOffice);

        // The client, and their form submitted empty.
        await session.GotoInteractiveAsync($"/admin/clients/{clientId}");
        await Assertions.Expect(page.GetByTestId("client-document")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = adjustBalance })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("portal-access-state")).Not.ToBeEmptyAsync();
        await EnglishLeaks.AssertNoneAsync(page, code, "client", EnglishLeaks.BackOffice);

        await session.GotoInteractiveAsync($"/admin/clients/{clientId}/edit");
        await page.Locator("#client-name").FillAsync("");
        await page.Locator("#client-email").FillAsync("");
        await page.GetByTestId("save-client").ClickAsync();
        await Assertions.Expect(page.GetByText(enterName)).ToBeVisibleAsync(new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "client-form", EnglishLeaks.BackOffice);

        await session.GotoInteractiveAsync("/admin/settings");
        await Assertions.Expect(page.GetByText(onlineInvoicePayment, new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "settings", EnglishLeaks.BackOffice);

        await session.GotoInteractiveAsync("/admin/payment-providers");
        await Assertions.Expect(page.GetByTestId("save-wire")).ToHaveTextAsync(saveWire, new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "payment-providers", EnglishLeaks.BackOffice);

        await session.GotoInteractiveAsync("/admin/jobs");
        await Assertions.Expect(page.GetByTestId("run-reminders")).ToHaveTextAsync(runNow, new() { Timeout = Patience });
        await EnglishLeaks.AssertNoneAsync(page, code, "jobs", EnglishLeaks.BackOffice);

        // The mailbox holds the client's receipt, written in their language.
        await page.GotoAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
        await Assertions.Expect(page.Locator("label[for=to]")).ToHaveTextAsync(recipient, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("mail-view")).ToBeVisibleAsync();
        await EnglishLeaks.AssertNoneAsync(page, code, "mailbox", EnglishLeaks.BackOffice);
        await session.ScreenshotAsync("mailbox");
    }
}
