using System.Net.Http.Json;
using System.Text.Json;
using InvoiceHub.Domain;
using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Jobs;
using InvoiceHub.Web.Features.Clients;
using InvoiceHub.Web.Features.Emails;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Features.Payments;

/// <summary>
/// Chargebacks end to end: direct debits charged by auto-charge at the simulator, charged back with its <c>_sim</c> control,
/// and Mollie's webhook posted to the app's own endpoint (the simulator's own call goes to an address nothing listens on).
/// </summary>
public sealed class ChargebackTests
{
    [Fact]
    public async Task A_direct_debit_paid_invoice_charged_back_reopens_once_holds_the_mandate_and_tells_client_and_Finance()
    {
        await using var app = await AutoChargeApp.StartAsync();
        await app.App.SetSettingsAsync(s => s with { AutoChargeInvoices = true });
        await app.FinanceUserAsync("fiona@invoicehub.test");
        await app.FinanceUserAsync("floor@invoicehub.test", language: "nl");
        var client = await app.ClientWithMandateAsync();
        var invoice = await app.App.OpenInvoiceAsync(client, app.App.Clock.Today.AddDays(14), amountMinor: 12_000);
        var providerId = await ChargeAndPayAsync(app);
        Assert.Equal(InvoiceStatus.Paid, (await InvoiceAsync(app, invoice)).Status);

        var chargeback = await ChargeBackAtMollieAsync(app, providerId);
        await WebhookAsync(app, providerId);
        var outboxAfterFirst = (await app.App.OutboxAsync()).Count;
        await WebhookAsync(app, providerId);

        var reopened = await InvoiceAsync(app, invoice);
        Assert.Equal(InvoiceStatus.Open, reopened.Status);
        Assert.Equal(12_000, reopened.StillToPayMinor);
        await using (var db = app.App.Factory.CreateDbContext())
        {
            var stored = await db.Chargebacks.AsNoTracking().SingleAsync();
            Assert.Equal(chargeback, stored.ProviderChargebackId);
            Assert.Equal(12_000, stored.AmountMinor);
            Assert.Equal(PaymentStatus.ChargedBack, (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == stored.PaymentId)).Status);
            Assert.Equal(2, await db.Allocations.CountAsync(a => a.PaymentId == stored.PaymentId));
            Assert.Equal(0, (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == client)).BalanceMinor);
            Assert.Single(await db.MandateHolds.AsNoTracking().Where(h => h.ClientId == client && h.ClearedAt == null).ToListAsync());
        }

        var emails = (await app.App.OutboxAsync()).Where(m => m.Kind == DocumentEmails.ChargebackKind).ToList();
        Assert.Equal(outboxAfterFirst, (await app.App.OutboxAsync()).Count);
        Assert.Equal(["cleo@example.test", "fiona@invoicehub.test", "floor@invoicehub.test"], emails.Select(m => m.To).Order());
        Assert.All(emails, m => Assert.Equal(invoice, m.InvoiceId));
        Assert.Contains("still to pay €120.00", emails.Single(m => m.To == "cleo@example.test").TextBody, StringComparison.Ordinal);
        // Each Finance user reads their own language: English for one who never chose, Dutch (and Dutch amounts) for the other.
        var english = emails.Single(m => m.To == "fiona@invoicehub.test");
        Assert.StartsWith("Chargeback: €120.00 of ", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Auto-charge no longer uses the charged-back mandate", english.TextBody, StringComparison.Ordinal);
        var dutch = emails.Single(m => m.To == "floor@invoicehub.test");
        Assert.StartsWith("Terugboeking: € 120,00 van ", dutch.Subject, StringComparison.Ordinal);
        Assert.Contains("Mollie meldt een terugboeking van € 120,00", dutch.TextBody, StringComparison.Ordinal);
        Assert.Contains("Weer onbetaald: ", dutch.TextBody, StringComparison.Ordinal);

        // The charged-back mandate is left alone by auto-charge until staff clear the hold.
        var request = await app.CreditRequestAsync(client, 3_000);
        var held = await app.App.RunAsync(JobCatalog.AutoCharge);
        Assert.Contains("0 charges started", held.Message);
        var mandates = app.App.Get<ClientMandates>();
        var hold = Assert.Single(await mandates.HoldsAsync(client));
        await mandates.ClearHoldAsync(client, hold.MandateId, "fiona@invoicehub.test");
        var cleared = await app.App.RunAsync(JobCatalog.AutoCharge);
        Assert.Contains("1 charges started", cleared.Message);
        Assert.Contains(await app.AttemptsAsync(), a => a.DocumentId == request);
    }

    [Fact]
    public async Task A_charged_back_top_up_that_paid_two_invoices_reopens_them_newest_first_and_a_reversal_restores_them()
    {
        await using var app = await AutoChargeApp.StartAsync();
        await app.App.SetSettingsAsync(s => s with { AutomaticallyMarkInvoicesPaid = true });
        var client = await app.ClientWithMandateAsync();
        var older = await app.App.OpenInvoiceAsync(client, app.App.Clock.Today.AddDays(5), amountMinor: 4_000);
        var newer = await app.App.OpenInvoiceAsync(client, app.App.Clock.Today.AddDays(20), amountMinor: 6_000);
        var request = await app.CreditRequestAsync(client, 10_000);
        var providerId = await ChargeAndPayAsync(app);
        Assert.Equal((InvoiceStatus.Paid, InvoiceStatus.Paid, 0L), (await InvoiceStatusAsync(app, older), await InvoiceStatusAsync(app, newer), await BalanceAsync(app, client)));

        var partial = await ChargeBackAtMollieAsync(app, providerId, "70.00");
        await WebhookAsync(app, providerId);

        Assert.Equal(6_000, (await InvoiceAsync(app, newer)).StillToPayMinor);
        Assert.Equal(1_000, (await InvoiceAsync(app, older)).StillToPayMinor);
        Assert.Equal(0, await BalanceAsync(app, client));

        var rest = await ChargeBackAtMollieAsync(app, providerId, "30.00");
        await WebhookAsync(app, providerId);

        Assert.Equal((InvoiceStatus.Open, InvoiceStatus.Open), (await InvoiceStatusAsync(app, older), await InvoiceStatusAsync(app, newer)));
        Assert.Equal((4_000L, 6_000L, 0L), ((await InvoiceAsync(app, older)).StillToPayMinor, (await InvoiceAsync(app, newer)).StillToPayMinor, await BalanceAsync(app, client)));
        await using (var db = app.App.Factory.CreateDbContext())
        {
            Assert.Equal(CreditRequestStatus.Open, (await db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == request)).Status);
            var ledger = await db.BalanceEntries.AsNoTracking().Where(e => e.CreditRequestId == request || e.InvoiceId == older || e.InvoiceId == newer)
                .Select(e => e.Kind).ToListAsync();
            Assert.Equal(2, ledger.Count(k => k == BalanceEntryKind.ChargedBack));
        }

        await ReverseAtMollieAsync(app, partial);
        await ReverseAtMollieAsync(app, rest);
        await WebhookAsync(app, providerId);

        Assert.Equal((InvoiceStatus.Paid, InvoiceStatus.Paid, 0L), (await InvoiceStatusAsync(app, older), await InvoiceStatusAsync(app, newer), await BalanceAsync(app, client)));
        await using var check = app.App.Factory.CreateDbContext();
        Assert.Equal(CreditRequestStatus.Paid, (await check.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == request)).Status);
        Assert.Equal(PaymentStatus.Paid, (await check.Payments.AsNoTracking().SingleAsync(p => p.ProviderPaymentId == providerId)).Status);
        Assert.All(await check.Chargebacks.AsNoTracking().ToListAsync(), c => Assert.NotNull(c.ReversedAt));
    }

    [Theory]
    [InlineData(20_000, InvoiceStatus.Paid, 0L, 8_000L)]
    [InlineData(5_000, InvoiceStatus.Open, 7_000L, 0L)]
    public async Task An_invoice_a_chargeback_reopens_takes_unrelated_balance_first_in_the_same_transaction(
        long balanceMinor, InvoiceStatus status, long stillToPay, long balanceAfter)
    {
        await using var app = await AutoChargeApp.StartAsync();
        await app.App.SetSettingsAsync(s => s with { AutoChargeInvoices = true, AutomaticallyMarkInvoicesPaid = true });
        var client = await app.ClientWithMandateAsync();
        var invoice = await app.App.OpenInvoiceAsync(client, app.App.Clock.Today.AddDays(14), amountMinor: 12_000);
        var providerId = await ChargeAndPayAsync(app);
        // Credit that has nothing to do with the charged-back payment, added once the invoice is paid (nothing open to take it).
        await app.App.Get<AdjustClientBalance>().HandleAsync(client, new Money(balanceMinor, Currency.EUR), "Goodwill");
        Assert.Equal(balanceMinor, await BalanceAsync(app, client));

        await ChargeBackAtMollieAsync(app, providerId);
        await WebhookAsync(app, providerId);

        var after = await InvoiceAsync(app, invoice);
        Assert.Equal((status, stillToPay, balanceAfter), (after.Status, after.StillToPayMinor, await BalanceAsync(app, client)));
        await using var db = app.App.Factory.CreateDbContext();
        var chargeback = await db.Chargebacks.AsNoTracking().SingleAsync();
        // The chargeback's transaction wrote the credit application: one instant, one commit.
        var applied = await db.BalanceEntries.AsNoTracking().SingleAsync(e => e.InvoiceId == invoice && e.Kind == BalanceEntryKind.AppliedToInvoice);
        Assert.Equal(-Math.Min(balanceMinor, 12_000), applied.AmountMinor);
        Assert.Equal(chargeback.RecordedAt, applied.CreatedAt);
    }

    [Fact]
    public async Task A_chargeback_whose_webhook_was_lost_is_found_by_reconciliation_once()
    {
        await using var app = await AutoChargeApp.StartAsync();
        await app.App.SetSettingsAsync(s => s with { AutoChargeInvoices = true });
        var client = await app.ClientWithMandateAsync();
        var invoice = await app.App.OpenInvoiceAsync(client, app.App.Clock.Today.AddDays(14), amountMinor: 8_000);
        var providerId = await ChargeAndPayAsync(app);

        await ChargeBackAtMollieAsync(app, providerId);
        Assert.Equal(InvoiceStatus.Paid, await InvoiceStatusAsync(app, invoice));

        var run = await app.App.RunAsync(JobCatalog.Reconciliation);
        var again = await app.App.RunAsync(JobCatalog.Reconciliation);

        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        Assert.Contains("missed chargebacks of 1 payments applied", run.Message);
        Assert.Contains("missed chargebacks of 0 payments applied", again.Message);
        Assert.Equal(InvoiceStatus.Open, await InvoiceStatusAsync(app, invoice));
        Assert.Equal(8_000, (await InvoiceAsync(app, invoice)).StillToPayMinor);
        await using var db = app.App.Factory.CreateDbContext();
        Assert.Equal(1, await db.Chargebacks.CountAsync());
    }

    /// <summary>Auto-charge sends the one open document's direct debit; the bank pays it and Mollie's webhook arrives.</summary>
    private static async Task<string> ChargeAndPayAsync(AutoChargeApp app)
    {
        await app.App.RunAsync(JobCatalog.AutoCharge);
        var providerId = Assert.Single(await app.AttemptsAsync()).ProviderPaymentId!;
        await app.SettleAsync(providerId);
        await WebhookAsync(app, providerId);
        return providerId;
    }

    private static async Task<string> ChargeBackAtMollieAsync(AutoChargeApp app, string providerId, string? amount = null)
    {
        using var controls = new HttpClient { BaseAddress = new Uri(app.App.Simulator!.BaseAddress, "_sim/") };
        using var response = await controls.PostAsync($"payments/{providerId}/chargebacks",
            new FormUrlEncodedContent(amount is null ? [] : new Dictionary<string, string> { ["amount"] = amount }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task ReverseAtMollieAsync(AutoChargeApp app, string chargebackId)
    {
        using var controls = new HttpClient { BaseAddress = new Uri(app.App.Simulator!.BaseAddress, "_sim/") };
        using var response = await controls.PostAsync($"chargebacks/{chargebackId}/reverse", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What Mollie posts: <c>id=tr_…</c> to the app's webhook endpoint.</summary>
    private static async Task WebhookAsync(AutoChargeApp app, string providerId)
    {
        using var http = app.App.Factory.CreateClient();
        using var response = await http.PostAsync(PaymentPaths.Webhook, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Invoice> InvoiceAsync(AutoChargeApp app, int invoiceId)
    {
        await using var db = app.App.Factory.CreateDbContext();
        return await db.Invoices.AsNoTracking().Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
    }

    private static async Task<InvoiceStatus> InvoiceStatusAsync(AutoChargeApp app, int invoiceId) => (await InvoiceAsync(app, invoiceId)).Status;

    private static async Task<long> BalanceAsync(AutoChargeApp app, int clientId)
    {
        await using var db = app.App.Factory.CreateDbContext();
        return (await db.Clients.AsNoTracking().SingleAsync(c => c.Id == clientId)).BalanceMinor;
    }
}
