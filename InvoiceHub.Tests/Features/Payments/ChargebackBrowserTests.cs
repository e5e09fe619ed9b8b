using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>A direct debit charged back at the simulator, as the client's dashboard and the staff pages then show it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChargebackBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task A_direct_debit_paid_invoice_charged_back_reopens_on_the_client_dashboard_and_the_staff_pages()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_321, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        var mandates = _t.Handler<ClientMandates>();
        var mandate = await mandates.CreateDirectDebitMandateAsync(clientId, "Demo Client", "NL55INGB0000000000");
        var customerId = (await mandates.CustomerIdOfAsync(clientId))!;
        var charged = await _t.Handler<ChargeMandate>().HandleAsync(PayableKind.Invoice, invoiceId, customerId, mandate, PaymentInitiator.Staff, _t.App.BaseAddress);
        var paymentId = charged.PaymentId!.Value;
        var providerId = await _t.ProviderIdOfAsync(paymentId);
        // The bank collects the debit; Mollie's webhook (to the app on Kestrel) records it.
        (await _t.Controls.PostAsync($"_sim/payments/{providerId}/settle", null)).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the debit pays the invoice");

        (await _t.Controls.PostAsync($"_sim/payments/{providerId}/chargebacks", new FormUrlEncodedContent([]))).EnsureSuccessStatusCode();
        await _t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == paymentId).Status == PaymentStatus.ChargedBack, "the chargeback is applied");

        await using (var client = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_direct_debit_paid_invoice_charged_back_reopens_on_the_client_dashboard_and_the_staff_pages) + "-client"))
        {
            await client.SignInAsync(DemoUsers.Client, DemoUsers.Password);
            await client.GotoInteractiveAsync("/portal");
            var row = client.Page.Locator($"[data-testid=unpaid-row][data-number='{number}']");
            await Assertions.Expect(row).ToContainTextAsync("43.21", new() { Timeout = Patience });
            await Assertions.Expect(row.GetByTestId("pay-now")).ToBeVisibleAsync();
            await client.ScreenshotAsync("dashboard-after-chargeback");
        }

        await using var staff = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_direct_debit_paid_invoice_charged_back_reopens_on_the_client_dashboard_and_the_staff_pages) + "-staff");
        var page = staff.Page;
        await staff.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await staff.GotoInteractiveAsync($"/admin/invoices/{invoiceId}");
        await Assertions.Expect(page.GetByTestId("invoice-summary")).ToContainTextAsync("43.21", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Charged back: €43.21 no longer paid");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Payment charged back");
        await staff.ScreenshotAsync("invoice-after-chargeback");

        await page.GotoAsync("/admin/payments?status=ChargedBack");
        var listed = page.GetByTestId("payment-table").Locator("tbody tr.ih-payment-row");
        await Assertions.Expect(listed).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Assertions.Expect(listed).ToContainTextAsync("43.21");

        await staff.GotoInteractiveAsync($"/admin/clients/{clientId}");
        var hold = page.GetByTestId("mandate-hold");
        await Assertions.Expect(hold).ToContainTextAsync(mandate.Id, new() { Timeout = Patience });
        // Staff see the client's saved methods too, the held mandate marked.
        var savedMandate = page.Locator($"[data-testid=saved-method][data-mandate='{mandate.Id}']");
        await Assertions.Expect(savedMandate).ToContainTextAsync("Direct debit from NL55", new() { Timeout = Patience });
        await Assertions.Expect(savedMandate.GetByTestId("saved-method-held")).ToBeVisibleAsync();
        await Assertions.Expect(savedMandate.GetByTestId("remove-method")).ToHaveCountAsync(0);
        await hold.GetByTestId("clear-mandate-hold").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mandate-holds")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await using var db = _t.App.CreateDbContext();
        var cleared = await db.MandateHolds.AsNoTracking().SingleAsync(h => h.MandateId == mandate.Id);
        Assert.Equal(DemoUsers.Finance, cleared.ClearedBy);
        Assert.Equal(4_321, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).StillToPayMinor);
    }
}
