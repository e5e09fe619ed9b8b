using InvoiceHub.Domain;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Tests.Features.Invoices;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.CreditRequests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Features.CreditRequests;

/// <summary>The staff credit request screens: the form, the detail page's Take Payment ▸ Offline and Cancel, the list and its CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CreditRequestPagesBrowserTests(BrowserFixture browser) : StaffScreenTest(browser)
{
    [RequiresChromiumFact]
    public async Task Create_a_credit_request_then_record_an_offline_payment_that_tops_up_the_balance()
    {
        await Data.SetAutoMarkPaidAsync(false);
        var clientId = await Data.CreateClientAsync("Topup Tamara");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Create_a_credit_request_then_record_an_offline_payment_that_tops_up_the_balance));
        await session.SignInAsync(DemoUsers.Finance, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/credit-requests/new?clientId={clientId}");
        var page = session.Page;
        await Assertions.Expect(page.GetByTestId("client-select")).ToHaveValueAsync(clientId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByLabel("Amount (EUR)").FillAsync("abc");
        await page.GetByTestId("create-credit-request").ClickAsync();
        await Assertions.Expect(page.GetByTestId("amount-field").GetByTestId("field-error")).ToContainTextAsync("Enter an amount above zero");
        await Assertions.Expect(page.GetByTestId("description-field").GetByTestId("field-error")).ToContainTextAsync("Say what the top-up is for");
        Assert.Equal(0, await CountRequestsAsync(clientId));

        await page.GetByLabel("Amount (EUR)").FillAsync("75.00");
        await page.GetByLabel("Description").FillAsync("Prepaid tutoring hours");
        await page.GetByTestId("create-credit-request").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credit-request-status")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.GetByTestId("credit-request-amount")).ToContainTextAsync("75.00");
        var id = int.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await session.ScreenshotAsync("created");

        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-offline").ClickAsync();
        var dialog = page.GetByTestId("offline-payment-dialog");
        await Assertions.Expect(dialog.GetByLabel("Amount (EUR)")).ToHaveValueAsync("75.00");
        await dialog.GetByLabel("Amount (EUR)").FillAsync("50.00");
        await dialog.GetByTestId("confirm-offline-payment").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error")).ToContainTextAsync("does not cover");
        Assert.Equal(CreditRequestStatus.Open, (await RequestAsync(id)).Status);

        await dialog.GetByLabel("Amount (EUR)").FillAsync("75.00");
        await dialog.GetByTestId("offline-method-banktransfer").CheckAsync();
        await dialog.GetByLabel("Reference").FillAsync("TRF-4411");
        await dialog.GetByTestId("confirm-offline-payment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credit-request-status")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByTestId("client-balance")).ToContainTextAsync("75.00");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Credit request paid: €75.00 to the balance");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("reference TRF-4411");
        await Assertions.Expect(page.GetByTestId("take-payment")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("paid");

        var stored = await RequestAsync(id);
        Assert.Equal(CreditRequestStatus.Paid, stored.Status);
        Assert.Equal(7500, Assert.Single(stored.Payments).Amount.Minor);
        Assert.Equal(7500, (await Data.BalanceAsync(clientId)).Minor);

        await page.GotoAsync("/admin/credit-requests?status=Paid&q=topup");
        // The credit request grid's rows (MudDataGrid draws the rows; they carry a class, not a test id).
        var row = page.GetByTestId("credit-request-table").Locator("tbody tr.ih-credit-request-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Prepaid tutoring hours");
        await Assertions.Expect(row.GetByTestId("credit-request-status")).ToHaveTextAsync("Paid");
        await page.GotoAsync($"/admin/credit-requests?q=cr-{id}");
        await Assertions.Expect(page.GetByTestId("credit-request-link")).ToHaveTextAsync($"CR-{id}");
        await page.GotoAsync("/admin/credit-requests?status=Paid&q=topup");
        var exportHref = await page.GetByTestId("export-csv").GetAttributeAsync("href") ?? "";
        var csv = await (await page.Context.APIRequest.GetAsync(exportHref)).TextAsync();
        var lines = csv.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains($"CR-{id},Topup Tamara,Prepaid tutoring hours,Paid,False", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",EUR,75.00", lines[1].TrimEnd('\r'), StringComparison.Ordinal);
    }

    [RequiresChromiumFact]
    public async Task Payment_request_email_shows_in_the_timeline_and_cancel_asks_for_confirmation()
    {
        var clientId = await Data.CreateClientAsync("Cancel Cora");
        var id = await CreateRequestAsync(clientId, "40.00");

        await using var session = await Browser.NewSessionAsync(App.BaseAddress, nameof(Payment_request_email_shows_in_the_timeline_and_cancel_asks_for_confirmation));
        await session.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
        await session.GotoInteractiveAsync($"/admin/credit-requests/{id}");
        var page = session.Page;
        await page.GetByTestId("take-payment").ClickAsync();
        await page.GetByTestId("take-payment-online").ClickAsync();
        var online = page.GetByTestId("online-payment-dialog");
        await online.GetByTestId("email-payment-request").ClickAsync();
        await Assertions.Expect(online.GetByTestId("online-message")).ToContainTextAsync("Payment request queued");

        // A payment link to copy, then every link of the request revoked (this one and the emailed one).
        await online.GetByTestId("create-payment-link").ClickAsync();
        var url = await online.GetByTestId("payment-link-url").InputValueAsync();
        Assert.StartsWith($"{App.BaseAddress.ToString().TrimEnd('/')}/pay/", url, StringComparison.Ordinal);
        await using (var anonymous = await Browser.NewSessionAsync(App.BaseAddress, nameof(Payment_request_email_shows_in_the_timeline_and_cancel_asks_for_confirmation) + "-link"))
        {
            await anonymous.Page.GotoAsync(url);
            await Assertions.Expect(anonymous.Page.GetByTestId("link-dead")).ToHaveCountAsync(0);
            await Assertions.Expect(anonymous.Page.GetByText($"CR-{id}").First).ToBeVisibleAsync();
            await online.GetByTestId("revoke-payment-links").ClickAsync();
            await Assertions.Expect(online.GetByTestId("payment-link-message")).ToHaveTextAsync("2 links revoked; they no longer open the document.");
            await anonymous.Page.GotoAsync(url);
            await Assertions.Expect(anonymous.Page.GetByTestId("link-message")).ToContainTextAsync("withdrawn");
        }
        await online.GetByTestId("dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        var emailEntry = page.GetByTestId("timeline-entry").Filter(new() { HasText = "Email: payment request" });
        await Assertions.Expect(emailEntry.GetByTestId("timeline-email-status")).ToHaveTextAsync("queued");
        await Assertions.Expect(emailEntry).ToContainTextAsync("Payment request for CR-");

        await page.GetByTestId("cancel-credit-request").ClickAsync();
        var dialog = page.GetByTestId("cancel-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(CreditRequestStatus.Open, (await RequestAsync(id)).Status);

        await page.GetByTestId("cancel-credit-request").ClickAsync();
        await dialog.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("credit-request-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("take-payment")).ToHaveCountAsync(0);
        Assert.Equal(CreditRequestStatus.Cancelled, (await RequestAsync(id)).Status);
    }

    private async Task<int> CreateRequestAsync(int clientId, string amount)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateCreditRequest>()
            .HandleAsync(new CreateCreditRequestCommand(clientId, Money.Parse(amount, Currency.EUR), "Top-up"));
        return created.Id;
    }

    private async Task<CreditRequestView> RequestAsync(int id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetCreditRequest>().HandleAsync(id);
    }

    private async Task<int> CountRequestsAsync(int clientId)
    {
        var list = App.Services.GetRequiredService<CreditRequestListQuery>();
        var result = await list.RunAsync(new CreditRequestListFilter(null, null, false, null, null, null, 1));
        return result.Rows.Count(r => r.ClientId == clientId);
    }
}
