using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Api;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Security;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>Refunds of a card payment made at the simulator's checkout, back to the card through Mollie or onto the balance.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RefundTests : IAsyncLifetime
{
    private PaymentsTestApp _t = null!;

    public async Task InitializeAsync() => _t = await PaymentsTestApp.StartAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task A_full_refund_to_the_card_reaches_Mollie_once_and_opens_the_invoice_again()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(12_500);

        var refund = await RefundAsync(paymentId, 12_500, RefundDestination.Payer);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.StartsWith("re_", refund.ProviderRefundId, StringComparison.Ordinal);
        var atMollie = Assert.Single(await MollieRefundsAsync(providerId));
        Assert.Equal(refund.ProviderRefundId, atMollie.GetProperty("id").GetString());
        Assert.Equal("125.00", atMollie.GetProperty("amount").GetProperty("value").GetString());
        await using var db = _t.App.CreateDbContext();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal(PaymentStatus.Refunded, payment.Status);
        Assert.Equal(12_500, payment.RefundedMinor);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(12_500, invoice.StillToPayMinor);
        Assert.Equal([12_500L, -12_500L], invoice.Allocations.OrderBy(a => a.Id).Select(a => a.AmountMinor));
        Assert.Equal(refund.Id, invoice.Allocations.Single(a => a.AmountMinor < 0).RefundId);

        // Mollie later calls the webhook for the refund; the payment stays refunded and is not reported as a mismatch.
        await _t.SetMollieRefundStatusAsync(refund.ProviderRefundId!, "refunded");
        await _t.WaitUntilAsync(d => d.Refunds.Single(r => r.Id == refund.Id).Status == RefundStatus.Refunded, "the refund is refunded");
        Assert.Equal(PaymentStatus.Refunded, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).Status);
    }

    [Fact]
    public async Task A_partial_refund_leaves_the_rest_paid_and_a_duplicate_within_the_hour_is_refused_by_Mollie_and_undone()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(10_000);

        var first = await RefundAsync(paymentId, 2_500, RefundDestination.Payer);
        var duplicate = await Assert.ThrowsAsync<RefundRefusedException>(() => RefundAsync(paymentId, 2_500, RefundDestination.Payer));

        Assert.Contains("duplicate", duplicate.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nothing was refunded", duplicate.Message, StringComparison.Ordinal);
        Assert.Single(await MollieRefundsAsync(providerId));
        await using var db = _t.App.CreateDbContext();
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([RefundStatus.Pending, RefundStatus.Failed], refunds.Select(r => r.Status));
        Assert.Equal(first.Id, refunds[0].Id);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal(PaymentStatus.Paid, payment.Status);
        Assert.Equal(2_500, payment.RefundedMinor);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(2_500, invoice.StillToPayMinor);
        Assert.Equal(0, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId)).BalanceMinor);
    }

    [Fact]
    public async Task More_than_paid_minus_refunded_is_refused_and_nothing_is_written()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(6_000);
        await RefundAsync(paymentId, 1_000, RefundDestination.Balance);

        var refused = await Assert.ThrowsAsync<DomainException>(() => RefundAsync(paymentId, 5_001, RefundDestination.Payer));

        Assert.Equal(ErrorCodes.RefundExceedsPaid, refused.Code);
        Assert.Equal("amount", refused.Field);
        Assert.Empty(await MollieRefundsAsync(providerId));
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(1, await db.Refunds.CountAsync(r => r.PaymentId == paymentId));
        Assert.Equal(1_000, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).StillToPayMinor);
    }

    [Fact]
    public async Task A_refund_to_the_balance_moves_the_money_from_the_invoice_to_the_balance_without_Mollie()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(9_000);

        var refund = await RefundAsync(paymentId, 4_000, RefundDestination.Balance);

        Assert.Equal(RefundStatus.Refunded, refund.Status);
        Assert.Null(refund.ProviderRefundId);
        Assert.Empty(await MollieRefundsAsync(providerId));
        await using var db = _t.App.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(4_000, invoice.StillToPayMinor);
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId);
        Assert.Equal(4_000, client.BalanceMinor);
        var entry = await db.BalanceEntries.AsNoTracking().SingleAsync(e => e.PaymentId == paymentId);
        Assert.Equal(BalanceEntryKind.RefundToBalance, entry.Kind);

        // Only what the payment still pays of invoices can move to the balance; the card can still get the rest.
        var refundable = await WithRefundsAsync(r => r.RefundableAsync(paymentId));
        Assert.Equal(5_000, refundable.ToBalance.Minor);
        Assert.Equal(5_000, refundable.ToPayer.Minor);
    }

    [Fact]
    public async Task A_Mollie_5xx_is_retried_with_the_same_idempotency_key_and_refunds_once()
    {
        var (_, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(5_000);
        _t.Simulator.State.Faults.FailNextCalls(2);

        var refund = await RefundAsync(paymentId, 5_000, RefundDestination.Payer);

        Assert.StartsWith("re_", refund.ProviderRefundId, StringComparison.Ordinal);
        Assert.Single(await MollieRefundsAsync(providerId));
    }

    [Fact]
    public async Task Mollie_not_answering_is_told_to_staff_and_gives_the_money_back()
    {
        var (invoiceId, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(5_000);
        _t.Simulator.State.Faults.FailNextCalls(4); // the first try and the client's three retries

        var refused = await Assert.ThrowsAsync<RefundRefusedException>(() => RefundAsync(paymentId, 5_000, RefundDestination.Payer));

        Assert.True(refused.ProviderUnavailable);
        Assert.False(refused.Pending);
        Assert.Contains("nothing was refunded", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await MollieRefundsAsync(providerId));
        await using var db = _t.App.CreateDbContext();
        Assert.Equal(RefundStatus.Failed, (await db.Refunds.AsNoTracking().SingleAsync(r => r.PaymentId == paymentId)).Status);
        Assert.Equal(InvoiceStatus.Paid, (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).Status);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        Assert.Equal((PaymentStatus.Paid, 0L), (payment.Status, payment.RefundedMinor));
    }

    [Fact]
    public async Task A_refund_that_fails_at_Mollie_later_pays_the_invoice_again_through_the_webhook()
    {
        var (invoiceId, paymentId, _) = await _t.PayInvoiceOnlineAsync(7_000);
        var refund = await RefundAsync(paymentId, 3_000, RefundDestination.Payer);

        await _t.SetMollieRefundStatusAsync(refund.ProviderRefundId!, "failed");
        await _t.WaitUntilAsync(db => db.Refunds.Single(r => r.Id == refund.Id).Status == RefundStatus.Failed, "the refund failed");

        await using var db = _t.App.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal([7_000L, -3_000L, 3_000L], invoice.Allocations.OrderBy(a => a.Id).Select(a => a.AmountMinor));
        Assert.Equal(0, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).RefundedMinor);
    }

    [Fact]
    public async Task The_same_request_key_twice_refunds_once()
    {
        var (_, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(4_000);
        var key = Guid.NewGuid().ToString();

        var first = await RefundAsync(paymentId, 1_000, RefundDestination.Payer, key);
        var again = await RefundAsync(paymentId, 1_000, RefundDestination.Payer, key);

        Assert.Equal(first.Id, again.Id);
        Assert.Single(await MollieRefundsAsync(providerId));

        var (_, otherPaymentId, _) = await _t.PayInvoiceOnlineAsync(2_000);
        var reused = await Assert.ThrowsAsync<DomainException>(() => RefundAsync(otherPaymentId, 1_000, RefundDestination.Payer, key));
        Assert.Equal("requestKey", reused.Field);
    }

    [Fact]
    public async Task The_API_refunds_with_problem_details_an_idempotency_key_and_staff_keys_only()
    {
        var (_, paymentId, providerId) = await _t.PayInvoiceOnlineAsync(6_000);
        using var finance = await ApiClientAsync(Roles.Finance);
        using var clientRole = await ApiClientAsync(Roles.Client);

        var detail = await ApiApp.SendAsync(finance, HttpMethod.Get, $"/api/v1/payments/{paymentId}", null, HttpStatusCode.OK);
        Assert.Equal("60.00", (string?)detail["refundableToPayer"]!["value"]);
        Assert.Equal("60.00", (string?)detail["refundableToBalance"]!["value"]);

        var invalid = await ApiApp.SendAsync(finance, HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds", new { destination = "card" }, HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["destination"]);
        Assert.NotNull(invalid["errors"]!["reason"]);

        var body = new { amount = ApiApp.Eur("10.00"), destination = "payer", reason = "Lesson cancelled" };
        var created = await SendWithKeyAsync(finance, paymentId, body, "refund-test-1", HttpStatusCode.Created);
        var repeated = await SendWithKeyAsync(finance, paymentId, body, "refund-test-1", HttpStatusCode.Created);
        Assert.Equal((int)created["id"]!, (int)repeated["id"]!);
        Assert.Equal("pending", (string?)created["status"]);
        Assert.StartsWith("re_", (string?)created["mollieId"], StringComparison.Ordinal);
        Assert.Single(await MollieRefundsAsync(providerId));

        var tooMuch = await ApiApp.SendAsync(finance, HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds",
            new { amount = ApiApp.Eur("50.01"), destination = "balance", reason = "Too much" }, HttpStatusCode.Conflict);
        Assert.Equal(ErrorCodes.RefundExceedsPaid, (string?)tooMuch["code"]);
        Assert.Contains("50.00", (string?)tooMuch["detail"], StringComparison.Ordinal);

        await ApiApp.SendAsync(clientRole, HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds", body, HttpStatusCode.Forbidden);
        await ApiApp.SendAsync(finance, HttpMethod.Get, "/api/v1/payments/999999", null, HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> ApiClientAsync(string role)
    {
        var key = ApiKeys.Generate();
        await using (var db = _t.App.CreateDbContext())
        {
            db.ApiKeys.Add(new ApiKey($"test {role}", ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key), role, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var client = _t.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> SendWithKeyAsync(HttpClient client, int paymentId, object body, string key, HttpStatusCode expected)
    {
        using var content = JsonContent.Create(body);
        content.Headers.Add("Idempotency-Key", key);
        return await ApiApp.SendAsync(client, HttpMethod.Post, $"/api/v1/payments/{paymentId}/refunds", content, expected);
    }

    private Task<RefundView> RefundAsync(int paymentId, long amountMinor, RefundDestination destination, string? key = null) =>
        WithRefundsAsync(r => r.RefundAsync(new RefundCommand(paymentId, new Money(amountMinor, Currency.EUR), destination, "Lesson cancelled", "finance@invoicehub.test", key)));

    private async Task<T> WithRefundsAsync<T>(Func<PaymentRefunds, Task<T>> use)
    {
        await using var scope = _t.App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<PaymentRefunds>());
    }

    private async Task<List<JsonElement>> MollieRefundsAsync(string providerId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/payments/{providerId}/refunds");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test_invoicehub_payments_tests");
        using var response = await _t.Controls.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return list.GetProperty("_embedded").GetProperty("refunds").EnumerateArray().ToList();
    }
}
