using InvoiceHub.Domain.Invoices;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.PaymentLinks;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Hardening;

/// <summary>Staff record a payment, or a payer presses Pay Now, while another process keeps the SQLite write lock past the busy timeout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DatabaseBusyBrowserTests(BrowserFixture browser)
{
    private const float Patience = 20_000;

    [RequiresChromiumFact]
    public async Task A_payment_recorded_while_the_database_is_locked_says_so_saves_nothing_and_the_second_click_records_it_once()
    {
        await using var app = await StaffAppAsync();
        var figures = new ReliabilityFigures("faults-database-ui", "Faults", "Database busy past the busy timeout while staff record a payment (browser)");
        var data = new ScreenData(app);
        var invoice = await data.OpenInvoiceAsync(await data.CreateClientAsync("Locked Lotte"), "60.00");

        await using var session = await browser.NewSessionAsync(app.BaseAddress, nameof(A_payment_recorded_while_the_database_is_locked_says_so_saves_nothing_and_the_second_click_records_it_once));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
        var page = session.Page;
        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-offline").ClickAsync();
        var dialog = page.GetByTestId("offline-payment-dialog");
        await Assertions.Expect(dialog.GetByLabel("Amount (EUR)")).ToHaveValueAsync("60.00", new() { Timeout = Patience });
        await dialog.GetByLabel("Reference").FillAsync("LOCKED-1");

        await using (var locker = await FaultTests.LockDatabaseAsync(app.ConnectionString))
        {
            figures.Fault();
            await dialog.GetByTestId("confirm-offline-payment").ClickAsync();
            await Assertions.Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("try again", new() { Timeout = Patience });
            await session.ScreenshotAsync("busy");
            figures.Check(await PaymentsAsync(app) == 0, "a payment was recorded while the database was locked");
            figures.Check((await data.InvoiceAsync(invoice.Id)).Status == InvoiceStatus.Open, "the invoice changed while the database was locked");
            figures.Operation();
            await FaultTests.ReleaseAsync(locker);
        }

        // The dialog is still open with what was typed: the same click records the payment, once.
        await dialog.GetByTestId("confirm-offline-payment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("invoice-status")).ToHaveTextAsync("Paid", new() { Timeout = Patience });
        figures.Operation();
        figures.Check(await PaymentsAsync(app) == 1, "the retry did not record exactly one payment");
        figures.Check((await data.InvoiceAsync(invoice.Id)).StillToPay.Minor == 0, "the invoice is not paid after the retry");
        figures.WriteAndAssertClean();
    }

    [RequiresChromiumFact]
    public async Task Pay_Now_while_the_database_is_locked_tells_the_payer_to_try_again_and_the_second_press_reaches_checkout_once()
    {
        await using var t = await PaymentsTestApp.StartAsync(settings: new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" });
        var figures = new ReliabilityFigures("faults-database-pay-now", "Faults", "Database busy past the busy timeout while a payer presses Pay Now on a payment link (browser)");
        var (_, invoiceId) = await t.CreateOpenInvoiceAsync(4_400);
        string url;
        await using (var scope = t.App.Services.CreateAsyncScope())
        {
            url = await scope.ServiceProvider.GetRequiredService<PaymentLinks>().CreateSavedAsync(PayableKind.Invoice, invoiceId, t.App.BaseAddress);
        }

        await using var session = await browser.NewSessionAsync(t.App.BaseAddress, nameof(Pay_Now_while_the_database_is_locked_tells_the_payer_to_try_again_and_the_second_press_reaches_checkout_once));
        var page = session.Page;
        await session.GotoInteractiveAsync(new Uri(url).AbsolutePath);
        await page.GetByTestId("method-creditcard").ClickAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });

        await using (var locker = await FaultTests.LockDatabaseAsync(t.App.ConnectionString))
        {
            figures.Fault();
            await page.GetByTestId("pay-now").ClickAsync();
            await Assertions.Expect(page.GetByTestId("pay-error")).ToContainTextAsync("try again", new() { Timeout = Patience });
            await session.ScreenshotAsync("busy");
            figures.Check(await OnlinePaymentsAsync(t.App, invoiceId) == 0, "a payment was started while the database was locked");
            figures.Check(t.Simulator.State.PaymentCount == 0, "Mollie was asked for a payment while the database was locked");
            figures.Operation();
            await FaultTests.ReleaseAsync(locker);
        }

        await page.GetByTestId("pay-now").ClickAsync();
        await page.WaitForURLAsync(u => u.StartsWith(t.Simulator.BaseAddress.ToString(), StringComparison.Ordinal), new() { Timeout = Patience });
        figures.Operation();
        figures.Check(await OnlinePaymentsAsync(t.App, invoiceId) == 1, "the second press did not start exactly one payment");
        figures.Check(t.Simulator.State.PaymentCount == 1, $"Mollie holds {t.Simulator.State.PaymentCount} payments after the second press");
        figures.WriteAndAssertClean();
    }

    [RequiresChromiumFact]
    public async Task A_balance_adjusted_while_the_database_is_locked_says_so_keeps_the_form_and_the_second_click_adjusts_once()
    {
        await using var app = await StaffAppAsync();
        var figures = new ReliabilityFigures("faults-database-ui-balance", "Faults", "Database busy past the busy timeout while staff adjust a balance (browser)");
        var data = new ScreenData(app);
        var client = await data.CreateClientAsync("Locked Lars");

        await using var session = await browser.NewSessionAsync(app.BaseAddress, nameof(A_balance_adjusted_while_the_database_is_locked_says_so_keeps_the_form_and_the_second_click_adjusts_once));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/clients/{client}");
        var page = session.Page;
        await page.GetByLabel("Amount (EUR, negative to reduce)").FillAsync("25.00");
        await page.GetByLabel("Reason").FillAsync("Prepaid lessons");

        await using (var locker = await FaultTests.LockDatabaseAsync(app.ConnectionString))
        {
            figures.Fault();
            await page.GetByTestId("adjust-balance").ClickAsync();
            await Assertions.Expect(page.GetByTestId("field-error")).ToContainTextAsync("try again", new() { Timeout = Patience });
            figures.Check((await data.BalanceAsync(client)).Minor == 0, "the balance changed while the database was locked");
            figures.Operation();
            await FaultTests.ReleaseAsync(locker);
        }

        // What was typed is still there: the same click adjusts the balance, once.
        await Assertions.Expect(page.GetByLabel("Amount (EUR, negative to reduce)")).ToHaveValueAsync("25.00");
        await page.GetByTestId("adjust-balance").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error")).ToHaveCountAsync(0, new() { Timeout = Patience });
        await Assertions.Expect(page.GetByLabel("Amount (EUR, negative to reduce)")).ToHaveValueAsync("", new() { Timeout = Patience });
        figures.Operation();
        figures.Check((await data.BalanceAsync(client)).Minor == 2_500, $"the balance is {(await data.BalanceAsync(client)).Minor} after the retry, not 2500");
        figures.WriteAndAssertClean();
    }

    /// <summary>The demo business on Kestrel, with a 1 s busy timeout so a held lock is refused quickly.</summary>
    private static Task<InvoiceHubFactory> StaffAppAsync() => InvoiceHubFactory.CreateAsync(new InvoiceHubOptions
    {
        SeedDemoData = true,
        Kestrel = true,
        Settings = new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" },
    });

    private static async Task<int> OnlinePaymentsAsync(InvoiceHubFactory app, int invoiceId)
    {
        await using var db = app.CreateDbContext();
        return await db.Payments.CountAsync(p => p.InvoiceId == invoiceId);
    }

    private static async Task<int> PaymentsAsync(InvoiceHubFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Payments.CountAsync(p => p.Reference == "LOCKED-1");
    }
}
