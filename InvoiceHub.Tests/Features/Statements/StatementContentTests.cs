using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvoiceHub.Tests.Features.Receipts;
using InvoiceHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Statements;

/// <summary>The statement through the API (JSON and PDF) and the portal, and what its PDF says.</summary>
public sealed class StatementContentTests : DemoAppTest
{
    [Fact]
    public async Task The_api_statement_lists_rows_with_running_balance_totals_and_ageing()
    {
        var clientId = await Data.CreateClientAsync("Jo Json");
        var first = await Data.OpenInvoiceAsync(clientId, "100.00");
        var second = await Data.OpenInvoiceAsync(clientId, "40.00");
        await PayAsync(first.Id, "100.00");
        await Data.AdjustBalanceAsync(clientId, "15.00");

        using var api = ApiClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await api.GetAsync($"/api/v1/clients/{clientId}/statement?from={today}&to={today}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("0.00", json.GetProperty("opening").GetProperty("value").GetString());
        Assert.Equal("140.00", json.GetProperty("charges").GetProperty("value").GetString());
        Assert.Equal("115.00", json.GetProperty("credits").GetProperty("value").GetString());
        Assert.Equal("25.00", json.GetProperty("closing").GetProperty("value").GetString());
        Assert.Equal("15.00", json.GetProperty("creditOnAccount").GetProperty("value").GetString());
        Assert.Equal("40.00", json.GetProperty("aging").GetProperty("current").GetProperty("value").GetString());
        Assert.Equal("40.00", json.GetProperty("aging").GetProperty("total").GetProperty("value").GetString());
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("reference").GetString() == second.Number && r.GetProperty("charge").GetProperty("value").GetString() == "40.00");
        Assert.Contains(rows, r => r.GetProperty("kind").GetString() == "Payment" && r.GetProperty("credit").GetProperty("value").GetString() == "100.00");
        Assert.Contains(rows, r => r.GetProperty("kind").GetString() == "Balance adjustment" && r.GetProperty("credit").GetProperty("value").GetString() == "15.00");
        Assert.Equal("25.00", rows[^1].GetProperty("balance").GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_api_refuses_a_period_that_ends_before_it_starts_and_an_unknown_client()
    {
        var clientId = await Data.CreateClientAsync("Pat Period");
        using var api = ApiClient();

        using var backwards = await api.GetAsync($"/api/v1/clients/{clientId}/statement?from=2026-05-01&to=2026-04-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var problem = await backwards.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));

        using var unknown = await api.GetAsync("/api/v1/clients/987654/statement/pdf");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_statement_pdf_shows_opening_rows_closing_and_ageing_and_the_portal_gives_only_the_own()
    {
        int clientId;
        await using (var db = App.CreateDbContext())
        {
            clientId = (await db.Clients.SingleAsync(c => c.Email == DemoUsers.Client)).Id;
        }
        var invoice = await Data.OpenInvoiceAsync(clientId, "70.00");
        await PayAsync(invoice.Id, "20.00");

        using var api = ApiClient();
        using var pdf = await api.GetAsync($"/api/v1/clients/{clientId}/statement/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = PdfText.Extract(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Statement for", text, StringComparison.Ordinal);
        Assert.Contains("opening balance", text, StringComparison.Ordinal);
        Assert.Contains($"Invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Balance due on", text, StringComparison.Ordinal);
        Assert.Contains("Not yet due", text, StringComparison.Ordinal);
        Assert.Contains("Over 90 days past due", text, StringComparison.Ordinal);

        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (await SsrForm.SignInAsync(client, DemoUsers.Client, DemoUsers.Password))
        {
        }
        using (var page = await client.GetAsync("/portal/statement"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-testid=\"portal-statement\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using var own = await client.GetAsync("/portal/statement/pdf?from=2026-01-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(invoice.Number!, PdfText.Extract(await own.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        using var staffOnly = await client.GetAsync($"/admin/clients/{clientId}/statement/pdf");
        Assert.NotEqual(HttpStatusCode.OK, staffOnly.StatusCode);
    }
}
