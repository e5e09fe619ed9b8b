using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Accessibility;

/// <summary>
/// The staff payment screens pass axe-core's WCAG 2.1 A and AA rules as Admin and as Finance, in the light and the dark
/// theme: the payment list with its rows, and a cash payment that was partly refunded to the client's balance, with the
/// Refund dialog open over it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentsAccessibilityTests(BrowserFixture browser, PaymentsAccessibilityTests.Payments payments)
    : IClassFixture<PaymentsAccessibilityTests.Payments>
{
    private const float Patience = 20_000;

    /// <summary>One app with the demo data for the class, and a paid invoice whose payment was partly refunded.</summary>
    public sealed class Payments : IAsyncLifetime
    {
        public InvoiceHubFactory App { get; private set; } = null!;

        public int PaymentId { get; private set; }

        public async Task InitializeAsync()
        {
            App = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { SeedDemoData = true, Kestrel = true });
            var data = new ScreenData(App);
            var clientId = await data.CreateClientAsync("Axe Refund Rita");
            var invoice = await data.OpenInvoiceAsync(clientId, "50.00");
            await using var scope = App.Services.CreateAsyncScope();
            var paid = await scope.ServiceProvider.GetRequiredService<RecordInvoicePayment>()
                .HandleAsync(new OfflinePaymentCommand(invoice.Id, Money.Parse("50.00", Currency.EUR), PaymentMethod.Cash, "AXE-1", null));
            PaymentId = paid.Payment.Id;
            await scope.ServiceProvider.GetRequiredService<PaymentRefunds>().RefundAsync(new RefundCommand(
                PaymentId, Money.Parse("10.00", Currency.EUR), RefundDestination.Balance, "One lesson cancelled", DemoUsers.Finance, Guid.NewGuid().ToString("N")));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string, string, bool> Pages()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var page in new[] { "payment-list", "payment-detail", "refund-dialog" })
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
    public async Task Payment_page_has_no_violations(string page, string email, bool dark)
    {
        var name = $"{page}-{email.Split('@')[0]}";
        await using var session = await browser.NewSessionAsync(payments.App.BaseAddress, $"axe-{name}");
        // Every sign-in goes through the real form, as a person's does.
        await session.WaitForInteractivityAsync(() => session.SignInAsync(email, DemoUsers.Password));
        await session.SetThemeAsync(dark);
        if (page == "payment-list")
        {
            await session.GotoInteractiveAsync("/admin/payments");
            await Assertions.Expect(session.Page.GetByTestId("payment-table").Locator("tbody tr.ih-payment-row").First).ToBeVisibleAsync(new() { Timeout = Patience });
        }
        else
        {
            await session.GotoInteractiveAsync($"/admin/payments/{payments.PaymentId}");
            await Assertions.Expect(session.Page.GetByTestId("refund-row")).ToHaveCountAsync(1, new() { Timeout = Patience });
            if (page == "refund-dialog")
            {
                await session.Page.GetByTestId("refund").ClickAsync();
                await Assertions.Expect(session.Page.GetByTestId("refund-dialog").GetByLabel("Amount (EUR)")).ToHaveValueAsync("40.00", new() { Timeout = Patience });
            }
        }

        await Axe.AssertNoViolationsAsync(session.Page, $"{name}-{(dark ? "dark" : "light")}");
    }
}
