using InvoiceHub.Domain;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Invoices;
using InvoiceHub.Web.Features.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// Takes the README screenshots (test-artifacts/screenshots/Readme-*.png; copy them to docs/screenshots/ to refresh
/// the README): the client and staff dashboards from the demo data, an invoice page with its timeline, and the payment
/// link page at phone width; and checks the README shows the ones in docs/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Readme_shows_the_dashboards_an_invoice_and_a_payment_link_as_the_browser_sees_them()
    {
        var clientId = await Data.CreateClientAsync("Lena Janssen", "lena.janssen@example.test");
        var invoice = await Data.OpenInvoiceAsync(clientId, "240.00");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecordInvoicePayment>().HandleAsync(new OfflinePaymentCommand(
                invoice.Id, Money.Parse("90.00", Currency.EUR), PaymentMethod.BankTransfer, "NL transfer 2291", DateOnly.FromDateTime(DateTime.UtcNow)));
        }
        string linkPath;
        await using (var db = App.CreateDbContext())
        {
            var url = await App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>().CreateOrRenewAsync(db, PayableKind.Invoice, invoice.Id, App.BaseAddress);
            await db.SaveChangesAsync();
            linkPath = new Uri(url).AbsolutePath;
        }

        await using (var staff = await Browser.NewSessionAsync(App.BaseAddress, "Readme"))
        {
            await staff.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
            await staff.GotoInteractiveAsync("/admin");
            await Assertions.Expect(staff.Page.GetByText("Receivables aging")).ToBeVisibleAsync();
            await staff.ScreenshotAsync("staff-dashboard");

            await staff.GotoInteractiveAsync($"/admin/invoices/{invoice.Id}");
            await Assertions.Expect(staff.Page.GetByTestId("invoice-summary")).ToContainTextAsync("€150.00");
            await Assertions.Expect(staff.Page.GetByText("NL transfer 2291").First).ToBeVisibleAsync();
            await staff.ScreenshotAsync("invoice-page");
        }
        await using (var payer = await Browser.NewSessionAsync(App.BaseAddress, "Readme"))
        {
            await payer.Page.SetViewportSizeAsync(390, 844);
            await payer.GotoInteractiveAsync(linkPath);
            await Assertions.Expect(payer.Page.GetByTestId("pay-now")).ToBeVisibleAsync();
            await payer.ScreenshotAsync("payment-link-phone");
        }
        await using (var client = await Browser.NewSessionAsync(App.BaseAddress, "Readme"))
        {
            await client.SignInAsync(DemoUsers.Client, DemoUsers.Password);
            await client.GotoInteractiveAsync("/portal");
            await Assertions.Expect(client.Page.GetByText("Unpaid Invoices & Credit Requests")).ToBeVisibleAsync();
            await Assertions.Expect(client.Page.GetByTestId("pay-now").First).ToHaveTextAsync("Pay Now");
            await client.ScreenshotAsync("client-dashboard");
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"));
        foreach (var name in new[] { "client-dashboard", "staff-dashboard", "invoice-page", "payment-link-phone" })
        {
            Assert.Contains($"(docs/screenshots/{name}.png)", readme, StringComparison.Ordinal);
            foreach (var file in new[] { Path.Combine(RepositoryRoot.Path, "docs", "screenshots", $"{name}.png"), Path.Combine(RepositoryRoot.Path, "test-artifacts", "screenshots", $"Readme-{name}.png") })
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), $"{file} is not a PNG");
                Assert.InRange(bytes.Length, 20_000, 2_000_000);
            }
        }
    }
}
