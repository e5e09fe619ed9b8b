using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.Payments;

[Collection(BrowserCollection.Name)]
public sealed class PayNowBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Two cores shared with builds and the other test classes: a page may take longer than Playwright's 5 s default.
    private const float Patience = 20_000;

    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [RequiresChromiumFact]
    public async Task A_client_who_saves_the_card_on_pay_now_leaves_a_card_mandate_for_future_charges()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(4_500, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(A_client_who_saves_the_card_on_pay_now_leaves_a_card_mandate_for_future_charges));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("saved-methods-empty")).ToBeVisibleAsync(new() { Timeout = Patience });
        await session.GotoInteractiveAsync($"/portal/invoices/{invoiceId}");

        // Bank transfer leaves no mandate, so it makes no offer; card does.
        await page.GetByTestId("method-banktransfer").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-for-later")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Save this card for future charges")).ToBeVisibleAsync(new() { Timeout = Patience });
        await page.GetByLabel("Save this card for future charges").CheckAsync();
        await page.GetByTestId("pay-now").ClickAsync();
        await session.PayAtSimulatorCheckoutAsync(_t.Simulator.BaseAddress.ToString(), number, Patience);
        await page.WaitForURLAsync("**/payments/*/return", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });

        await using var scope = _t.App.Services.CreateAsyncScope();
        var (customerId, mandates) = await scope.ServiceProvider.GetRequiredService<InvoiceHub.Web.Features.Payments.ClientMandates>().ValidMandatesAsync(clientId);
        Assert.NotNull(customerId);
        var mandate = Assert.Single(mandates);
        Assert.Equal("creditcard", mandate.Method);
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, db.Invoices.Single(i => i.Id == invoiceId).Status);
        Assert.Single(await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId && p.Status == PaymentStatus.Paid).ToListAsync());

        // The dashboard lists the saved card.
        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.Locator("[data-testid='saved-method'][data-method='creditcard']")).ToContainTextAsync("ending", new() { Timeout = Patience });
        await session.ScreenshotAsync("saved-card");
    }

    [RequiresChromiumFact]
    public async Task Client_pays_an_invoice_by_card_and_it_leaves_the_unpaid_panel()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(9_900, clientId);
        var number = await _t.InvoiceNumberOfAsync(invoiceId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Client_pays_an_invoice_by_card_and_it_leaves_the_unpaid_panel));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");

        var panel = page.GetByTestId("unpaid-panel");
        await Assertions.Expect(panel).ToContainTextAsync("Unpaid Invoices & Credit Requests", new() { Timeout = Patience });
        var row = panel.Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await row.GetByTestId("pay-now").ClickAsync();
        await page.WaitForURLAsync($"**/portal/invoices/{invoiceId}#pay");
        await Assertions.Expect(page.GetByTestId("document-number")).ToContainTextAsync(number, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("document-still-to-pay")).ToContainTextAsync("99.00", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("document-line")).ToHaveCountAsync(1, new() { Timeout = Patience });

        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await page.GetByTestId("pay-now").ClickAsync();
        // Starting the payment calls Mollie twice (methods were listed earlier); allow for a busy machine.
        await session.PayAtSimulatorCheckoutAsync(_t.Simulator.BaseAddress.ToString(), number, Patience);

        await page.WaitForURLAsync("**/payments/*/return", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-outcome")).ToContainTextAsync($"{number} is paid");
        await session.ScreenshotAsync("returned");

        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-panel")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{number}']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(InvoiceStatus.Paid, db.Invoices.Single(i => i.Id == invoiceId).Status);
    }

    [RequiresChromiumFact]
    public async Task Client_ticks_two_documents_pays_them_by_card_in_one_payment_and_both_leave_the_unpaid_panel()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, firstId) = await _t.CreateOpenInvoiceAsync(4_100, clientId);
        var (_, secondId) = await _t.CreateOpenInvoiceAsync(2_300, clientId);
        var first = await _t.InvoiceNumberOfAsync(firstId);
        var second = await _t.InvoiceNumberOfAsync(secondId);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Client_ticks_two_documents_pays_them_by_card_in_one_payment_and_both_leave_the_unpaid_panel));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");

        var panel = page.GetByTestId("unpaid-panel");
        foreach (var number in new[] { first, second })
        {
            await panel.Locator($"[data-testid='unpaid-row'][data-number='{number}']").GetByTestId("select-document").CheckAsync(new() { Timeout = Patience });
        }

        await Assertions.Expect(page.GetByTestId("pay-selected")).ToContainTextAsync("Pay selected (2)", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-selected")).ToContainTextAsync("64.00");
        await page.GetByLabel("Pay by", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Card" });
        await session.ScreenshotAsync("two-selected");
        await page.GetByTestId("pay-selected").ClickAsync();
        await session.PayAtSimulatorCheckoutAsync(_t.Simulator.BaseAddress.ToString(), $"{first}, {second}", Patience);

        await page.WaitForURLAsync("**/payments/*/return", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-outcome")).ToContainTextAsync($"{first}, {second} are paid", new() { Timeout = Patience });
        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-panel")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{first}']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{second}']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await using var db = _t.App.CreateDbContext();
        var paid = db.Invoices.Where(i => i.Id == firstId || i.Id == secondId).Select(i => i.Status).ToList();
        Assert.Equal([InvoiceStatus.Paid, InvoiceStatus.Paid], paid);
        Assert.Equal(2, db.PaymentDocuments.Count(d => !d.Open && db.Payments.Any(p => p.Id == d.PaymentId && p.AmountMinor == 6_400)));
    }

    [RequiresChromiumFact]
    public async Task Without_online_payment_there_is_no_pay_now_and_other_clients_documents_are_not_found()
    {
        var clientId = await _t.ClientIdOfAsync(DemoUsers.Client);
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000, clientId);
        var (_, strangersInvoiceId) = await _t.CreateOpenInvoiceAsync(7_000);
        await _t.SetOnlinePaymentAsync(false);
        await using var session = await browser.NewSessionAsync(_t.App.BaseAddress, nameof(Without_online_payment_there_is_no_pay_now_and_other_clients_documents_are_not_found));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);

        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-row").First).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0, new() { Timeout = Patience });

        await session.GotoInteractiveAsync($"/portal/invoices/{invoiceId}");
        await Assertions.Expect(page.GetByTestId("document-total")).ToContainTextAsync("50.00", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-now")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("pay-section")).ToHaveCountAsync(0, new() { Timeout = Patience });

        var stranger = await page.GotoAsync($"/portal/invoices/{strangersInvoiceId}");
        Assert.Equal(404, stranger!.Status);
        await Assertions.Expect(page.GetByTestId("document-total")).ToHaveCountAsync(0, new() { Timeout = Patience });
    }
}
