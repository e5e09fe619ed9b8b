using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Features.PaymentLinks;
using InvoiceHub.Web.Features.Payments;
using InvoiceHub.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.PaymentLinks;

// Kestrel apps with a simulator: in the browser collection so they do not run beside the browser tests.
[Collection(BrowserCollection.Name)]
public sealed class PaymentLinksTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Web.Features.PaymentLinks.PaymentLinks Links => _t.App.Services.GetRequiredService<Web.Features.PaymentLinks.PaymentLinks>();

    private async Task<string> NewLinkAsync(PayableKind kind, int id, bool email = true)
    {
        await using var db = _t.App.CreateDbContext();
        var url = email
            ? await Links.CreateOrRenewAsync(db, kind, id, _t.App.BaseAddress)
            : await Links.CreateAsync(db, kind, id, _t.App.BaseAddress);
        await db.SaveChangesAsync();
        return url;
    }

    private static string TokenOf(string url) => new Uri(url).AbsolutePath["/pay/".Length..];

    [Fact]
    public async Task A_link_resolves_to_its_invoice_and_only_the_hash_of_its_256_bit_token_is_stored()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);

        var url = await NewLinkAsync(PayableKind.Invoice, invoiceId);
        var token = TokenOf(url);

        Assert.StartsWith(_t.App.BaseAddress + "pay/", url, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        var resolved = await Links.ResolveAsync(token);
        Assert.Equal(PaymentLinkState.Valid, resolved.State);
        Assert.Equal((PayableKind.Invoice, invoiceId, clientId), (resolved.Kind!.Value, resolved.DocumentId!.Value, resolved.ClientId!.Value));
        await using var db = _t.App.CreateDbContext();
        var stored = await db.PaymentLinks.AsNoTracking().SingleAsync();
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(PaymentLink.Hash(token), stored.TokenHash);
        Assert.Equal(PaymentLinkState.NotFound, (await Links.ResolveAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'))).State);
    }

    [Fact]
    public async Task Revoked_links_are_dead_and_a_newer_link_works_again()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var old = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));

        Assert.Equal(1, await Links.RevokeAsync(PayableKind.Invoice, invoiceId));
        var fresh = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));

        Assert.Equal(PaymentLinkState.Revoked, (await Links.ResolveAsync(old)).State);
        Assert.Equal(PaymentLinkState.Valid, (await Links.ResolveAsync(fresh)).State);
    }

    [Fact]
    public async Task A_link_dies_once_its_invoice_is_paid()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var token = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));

        await _t.PayOfflineAsync(invoiceId);

        var resolved = await Links.ResolveAsync(token);
        Assert.Equal(PaymentLinkState.Settled, resolved.State);
        Assert.Equal("Paid", resolved.DocumentStatus);
    }

    [Fact]
    public async Task A_link_expires_30_days_after_the_due_date_unless_a_newer_email_renewed_it()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var token = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));
        await AgeAsync(invoiceId, dueDaysAgo: 45, linksDaysAgo: 50);

        Assert.Equal(PaymentLinkState.Expired, (await Links.ResolveAsync(token)).State);

        // A payment request emailed today renews every link of the invoice, the old one too.
        var outcome = await _t.App.Services.GetRequiredService<PaymentRequests>().SendAsync(PayableKind.Invoice, invoiceId, _t.App.BaseAddress);
        Assert.Equal(PaymentRequestOutcome.Queued, outcome);
        Assert.Equal(PaymentLinkState.Valid, (await Links.ResolveAsync(token)).State);
    }

    [Fact]
    public async Task A_link_shown_by_the_api_does_not_renew_an_expired_invoice()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var token = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));
        await AgeAsync(invoiceId, dueDaysAgo: 45, linksDaysAgo: 50);

        await NewLinkAsync(PayableKind.Invoice, invoiceId, email: false);

        Assert.Equal(PaymentLinkState.Expired, (await Links.ResolveAsync(token)).State);
    }

    [Fact]
    public async Task An_expired_link_emails_a_fresh_link_to_the_address_on_file_once_a_day()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var token = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));
        await AgeAsync(invoiceId, dueDaysAgo: 45, linksDaysAgo: 50);

        Assert.True(await Links.EmailFreshLinkAsync(token, _t.App.BaseAddress));
        Assert.False(await Links.EmailFreshLinkAsync(token, _t.App.BaseAddress));

        await using var db = _t.App.CreateDbContext();
        var email = await db.Outbox.AsNoTracking().SingleAsync();
        var address = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Email).SingleAsync();
        Assert.Equal(address, email.To);
        Assert.Equal(DocumentEmails.FreshLinkKind, email.Kind);
        var freshUrl = email.TextBody.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries).Single(w => w.Contains("/pay/", StringComparison.Ordinal));
        Assert.Equal(PaymentLinkState.Valid, (await Links.ResolveAsync(TokenOf(freshUrl))).State);
    }

    [Fact]
    public async Task A_valid_link_does_not_email_anything()
    {
        var (_, invoiceId) = await _t.CreateOpenInvoiceAsync(5_000);
        var token = TokenOf(await NewLinkAsync(PayableKind.Invoice, invoiceId));

        Assert.False(await Links.EmailFreshLinkAsync(token, _t.App.BaseAddress));

        await using var db = _t.App.CreateDbContext();
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task A_payment_request_is_emailed_once_per_document_per_day_with_a_working_link()
    {
        var (_, requestId) = await _t.CreateOpenCreditRequestAsync(20_000);
        var requests = _t.App.Services.GetRequiredService<PaymentRequests>();

        Assert.Equal(PaymentRequestOutcome.Queued, await requests.SendAsync(PayableKind.CreditRequest, requestId, _t.App.BaseAddress));
        Assert.Equal(PaymentRequestOutcome.AlreadySentToday, await requests.SendAsync(PayableKind.CreditRequest, requestId, _t.App.BaseAddress));

        await using var db = _t.App.CreateDbContext();
        var email = await db.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal(DocumentEmails.PaymentRequestKind, email.Kind);
        Assert.StartsWith($"payment-request:credit-request:{requestId}:", email.DeduplicationKey, StringComparison.Ordinal);
        Assert.Contains("200.00", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await db.PaymentLinks.CountAsync());
    }

    [Fact]
    public async Task Api_answers_carry_a_payment_url_for_open_documents_built_on_the_request_address()
    {
        using var api = await ApiClientAsync();
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(7_500);

        var invoice = await GetJsonAsync(api, $"/api/v1/invoices/{invoiceId}");
        var created = await api.PostAsJsonAsync("/api/v1/credit-requests", new { clientId, amount = new { currency = "EUR", value = "30.00" }, description = "Top-up" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;

        foreach (var url in new[] { (string)invoice["paymentUrl"]!, (string)request["paymentUrl"]! })
        {
            Assert.StartsWith(_t.App.BaseAddress + "pay/", url, StringComparison.Ordinal);
            Assert.Equal(PaymentLinkState.Valid, (await Links.ResolveAsync(TokenOf(url))).State);
        }

        await _t.PayOfflineAsync(invoiceId);
        Assert.Null((await GetJsonAsync(api, $"/api/v1/invoices/{invoiceId}"))["paymentUrl"]);
    }

    [Fact]
    public async Task Mandates_api_registers_a_direct_debit_mandate_at_mollie_and_reuses_the_customer()
    {
        using var api = await ApiClientAsync();
        var (clientId, _) = await _t.CreateOpenInvoiceAsync(5_000);

        var first = await api.PostAsJsonAsync($"/api/v1/clients/{clientId}/mandates", new { method = "directdebit", consumerName = "Pat Payer", consumerAccount = "NL55 INGB 0000 0000 00" });
        var bad = await api.PostAsJsonAsync($"/api/v1/clients/{clientId}/mandates", new { method = "directdebit", consumerName = "Pat Payer", consumerAccount = "NL00INGB0000000001" });
        var second = await api.PostAsJsonAsync($"/api/v1/clients/{clientId}/mandates", new { method = "directdebit", consumerName = "Pat Payer", consumerAccount = "DE89370400440532013000" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var mandate = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.StartsWith("mdt_", (string)mandate["id"]!, StringComparison.Ordinal);
        Assert.Equal("valid", (string)mandate["status"]!);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("consumerAccount", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await using var db = _t.App.CreateDbContext();
        var customer = await db.MollieCustomers.AsNoTracking().SingleAsync(c => c.ClientId == clientId);
        await using var scope = _t.App.Services.CreateAsyncScope();
        var (customerId, mandates) = await scope.ServiceProvider.GetRequiredService<ClientMandates>().ValidMandatesAsync(clientId);
        Assert.Equal(customer.CustomerId, customerId);
        Assert.Equal(2, mandates.Count);
    }

    [Fact]
    public async Task Charging_a_saved_mandate_pays_the_invoice_once_mollie_settles_the_debit()
    {
        var (clientId, invoiceId) = await _t.CreateOpenInvoiceAsync(6_000);
        await using var scope = _t.App.Services.CreateAsyncScope();
        var mandates = scope.ServiceProvider.GetRequiredService<ClientMandates>();
        await mandates.CreateDirectDebitMandateAsync(clientId, "Pat Payer", "NL55INGB0000000000");
        var (customerId, valid) = await mandates.ValidMandatesAsync(clientId);

        var outcome = await scope.ServiceProvider.GetRequiredService<ChargeMandate>()
            .HandleAsync(PayableKind.Invoice, invoiceId, customerId!, valid.Single(), PaymentInitiator.Staff, _t.App.BaseAddress);

        Assert.Equal(PaymentStatus.Pending, outcome.Status);
        var providerId = await _t.ProviderIdOfAsync(outcome.PaymentId!.Value);
        var again = await Assert.ThrowsAsync<PaymentRefusedException>(() => scope.ServiceProvider.GetRequiredService<ChargeMandate>()
            .HandleAsync(PayableKind.Invoice, invoiceId, customerId!, valid.Single(), PaymentInitiator.Staff, _t.App.BaseAddress));
        Assert.Contains("already being processed", again.Message, StringComparison.Ordinal);
        await _t.SetMollieStatusAsync(providerId, "paid");
        await _t.WaitUntilAsync(db => db.Invoices.Single(i => i.Id == invoiceId).Status == InvoiceStatus.Paid, "the invoice is paid");
        await using var db = _t.App.CreateDbContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == outcome.PaymentId);
        Assert.Equal((PaymentMethod.DirectDebit, PaymentInitiator.Staff, 6_000L), (payment.Method, payment.InitiatedBy, payment.AmountMinor));
    }

    private async Task AgeAsync(int invoiceId, int dueDaysAgo, int linksDaysAgo)
    {
        await using var db = _t.App.CreateDbContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await db.Invoices.Where(i => i.Id == invoiceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.DueDate, today.AddDays(-dueDaysAgo)));
        var links = await db.PaymentLinks.Where(l => l.DocumentId == invoiceId).ToListAsync();
        foreach (var link in links)
        {
            db.Entry(link).Property(l => l.CreatedAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-linksDaysAgo);
        }

        await db.SaveChangesAsync();
    }

    private async Task<HttpClient> ApiClientAsync()
    {
        var key = ApiKeys.Generate();
        await using (var db = _t.App.CreateDbContext())
        {
            db.ApiKeys.Add(new ApiKey("links tests", ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key), Roles.Admin, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = new HttpClient { BaseAddress = _t.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
