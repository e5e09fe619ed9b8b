using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Infrastructure.DemoData;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace InvoiceHub.Tests.Foundation;

/// <summary>
/// The app started as a new user starts it: its own process, Development, the port Kestrel picks (never 5080), and no
/// Mollie address nor public base URL configured. Pay Now reaches the built-in simulator and the links in emails point
/// at the port the app really got.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnyPortBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const float Patience = 30_000;

    private WebAppProcess _app = null!;

    public async Task InitializeAsync()
    {
        // Only the database file, the port (urls) and quiet schedules differ from `dotnet run`: addresses are the app's own.
        var settings = JobCatalog.All.ToDictionary(job => $"Jobs:Schedules:{job.Name}", _ => InvoiceHubFactory.NeverCron);
        _app = await WebAppProcess.StartAsync(Environments.Development, settings);
        Assert.NotEqual(5080, _app.BaseAddress.Port);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [RequiresChromiumFact]
    public async Task Client_pays_an_invoice_with_pay_now_from_the_dashboard_through_the_built_in_simulator()
    {
        using var api = Api();
        var clientId = await DemoClientIdAsync();
        var (invoiceId, number) = await IssueInvoiceAsync(api, clientId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14));

        await using var session = await browser.NewSessionAsync(_app.BaseAddress, nameof(Client_pays_an_invoice_with_pay_now_from_the_dashboard_through_the_built_in_simulator));
        var page = session.Page;
        await session.SignInAsync(DemoUsers.Client, DemoUsers.Password);
        await session.GotoInteractiveAsync("/portal");
        var row = page.GetByTestId("unpaid-panel").Locator($"[data-testid='unpaid-row'][data-number='{number}']");
        await row.GetByTestId("pay-now").ClickAsync();
        await page.WaitForURLAsync($"**/portal/invoices/{invoiceId}#pay", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("document-number")).ToContainTextAsync(number, new() { Timeout = Patience });
        await PayByCardAtTheSimulatorAsync(session, number);

        await session.GotoInteractiveAsync("/portal");
        await Assertions.Expect(page.GetByTestId("unpaid-panel")).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(page.Locator($"[data-testid='unpaid-row'][data-number='{number}']")).ToHaveCountAsync(0, new() { Timeout = Patience });
        Assert.Equal("Paid", await InvoiceStatusAsync(api, invoiceId));
    }

    [RequiresChromiumFact]
    public async Task A_reminder_email_links_to_the_real_port_and_anyone_with_the_link_pays_it()
    {
        using var api = Api();
        var email = $"any-port-{Guid.NewGuid().ToString("N")[..12]}@example.test";
        var client = await PostAsync(api, "/api/v1/clients", new { name = "Port Tester", email });
        var (invoiceId, number) = await IssueInvoiceAsync(api, (int)client["id"]!, DateOnly.FromDateTime(DateTime.UtcNow));

        // The reminders job has no request to take an address from: its links come from the public base URL alone.
        string href;
        await using (var staff = await browser.NewSessionAsync(_app.BaseAddress, nameof(A_reminder_email_links_to_the_real_port_and_anyone_with_the_link_pays_it) + "-staff"))
        {
            var page = staff.Page;
            await staff.SignInAsync(DemoUsers.Admin, DemoUsers.Password);
            await staff.GotoInteractiveAsync("/admin/jobs");
            await page.GetByTestId($"run-{JobCatalog.Reminders}").ClickAsync();
            await Assertions.Expect(page.GetByTestId($"outcome-{JobCatalog.Reminders}").Locator(".mud-chip")).ToHaveTextAsync("Succeeded", new() { Timeout = Patience });

            await page.GotoAsync($"/admin/mailbox?to={Uri.EscapeDataString(email)}");
            await Assertions.Expect(page.GetByTestId("mailbox-list").Locator("a")).ToHaveCountAsync(1, new() { Timeout = Patience });
            var link = page.FrameLocator("[data-testid='mail-body']").Locator("a[href*='/pay/']").First;
            href = await link.GetAttributeAsync("href", new() { Timeout = Patience }) ?? "";
            await staff.ScreenshotAsync("reminder");
            Assert.StartsWith($"{_app.BaseAddress}pay/", href, StringComparison.Ordinal);
        }

        await using var anonymous = await browser.NewSessionAsync(_app.BaseAddress, nameof(A_reminder_email_links_to_the_real_port_and_anyone_with_the_link_pays_it));
        await anonymous.GotoInteractiveAsync(href);
        await Assertions.Expect(anonymous.Page.GetByTestId("document-number")).ToContainTextAsync(number, new() { Timeout = Patience });
        await PayByCardAtTheSimulatorAsync(anonymous, number);
        await anonymous.Page.GetByTestId("payment-back").ClickAsync();
        await Assertions.Expect(anonymous.Page.GetByTestId("link-settled")).ToHaveAttributeAsync("data-status", "Paid", new() { Timeout = Patience });
        Assert.Equal("Paid", await InvoiceStatusAsync(api, invoiceId));
    }

    /// <summary>From a document page with Pay Now: card, the simulator's hosted checkout on this very port, paid, back.</summary>
    private async Task PayByCardAtTheSimulatorAsync(BrowserSession session, string number)
    {
        var page = session.Page;
        await page.GetByTestId("method-creditcard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("method-creditcard")).ToHaveAttributeAsync("aria-checked", "true", new() { Timeout = Patience });
        await page.GetByTestId("pay-now").ClickAsync();
        await session.PayAtSimulatorCheckoutAsync($"{_app.BaseAddress}mollie-simulator/", number, Patience);
        await page.WaitForURLAsync("**/payments/*/return**", new() { Timeout = Patience });
        await Assertions.Expect(page.GetByTestId("payment-return")).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = Patience });
        await session.ScreenshotAsync("paid");
    }

    private HttpClient Api()
    {
        var api = new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoDataOptions.ApiKey);
        return api;
    }

    private async Task<int> DemoClientIdAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Clients WHERE Email = $email";
        command.Parameters.AddWithValue("$email", DemoUsers.Client);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>An invoice larger than any demo balance, so something is left to pay after credit is applied on issue.</summary>
    private static async Task<(int Id, string Number)> IssueInvoiceAsync(HttpClient api, int clientId, DateOnly dueDate)
    {
        var draft = await PostAsync(api, "/api/v1/invoices", new
        {
            clientId,
            dueDate = dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            lines = new[] { new { description = "Exam preparation course", quantity = 1, unitPrice = new { currency = "EUR", value = "2500.00" }, taxRate = 0 } },
        });
        var id = (int)draft["id"]!;
        var issued = await PostAsync(api, $"/api/v1/invoices/{id}/issue", null);
        Assert.Equal("Open", (string?)issued["status"]);
        return (id, (string)issued["number"]!);
    }

    private static async Task<string?> InvoiceStatusAsync(HttpClient api, int invoiceId) =>
        (string?)(await api.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoiceId}"))!["status"];

    private static async Task<JsonNode> PostAsync(HttpClient api, string path, object? body)
    {
        using var response = body is null ? await api.PostAsync(path, null) : await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
