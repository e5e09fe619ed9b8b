using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payments;
using InvoiceHub.Tests.Features.Payments;
using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Features.Jobs;
using InvoiceHub.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace InvoiceHub.Tests.Hardening;

/// <summary>
/// Money that comes back or never arrives, with the simulator's switches: chargebacks and their reversals with duplicate
/// and lost webhooks, and open payments that expire. Each document ends as Mollie says, once, and the balance never
/// goes negative. Reconciliation runs on every call (age zero), as it would once the webhook is old enough.
/// </summary>
public sealed class MoneyBackFaultTests
{
    private static readonly Dictionary<string, string?> ReconcileAtOnce = new() { ["Jobs:ReconciliationAge"] = "00:00:00" };

    [Fact]
    public async Task Chargebacks_with_duplicate_and_lost_webhooks_reopen_each_invoice_once_and_reversals_restore_it()
    {
        await using var t = await PaymentsTestApp.StartAsync(settings: ReconcileAtOnce);
        var figures = new ReliabilityFigures("faults-chargebacks", "Faults", "Card chargebacks and their reversals with duplicate, replayed and lost Mollie webhooks");
        var faults = t.Simulator.State.Faults;
        using var http = t.App.CreateClient(new() { BaseAddress = t.App.BaseAddress });

        foreach (var kind in new[] { "duplicate", "lost", "replayed", "partial" })
        {
            var (invoiceId, paymentId, providerId) = await t.PayInvoiceOnlineAsync(6_600);
            figures.Fault();
            if (kind == "duplicate")
            {
                faults.DuplicateNextWebhooks(1);
            }
            else if (kind == "lost")
            {
                faults.LoseNextWebhooks(1);
            }

            var amount = kind == "partial" ? 2_200 : 6_600;
            var chargebackId = await t.Simulator.State.ChargeBackAsync(providerId, amount / 100m);
            figures.Check(chargebackId is not null, $"{kind}: the simulator refused the chargeback");
            if (kind == "lost")
            {
                figures.Check(await StillToPayAsync(t, invoiceId) == 0, "lost: the chargeback was applied without a webhook");
                await t.Handler<JobsService>().RunNowAsync(JobCatalog.Reconciliation, TimeSpan.FromMinutes(1));
            }
            else if (kind == "replayed")
            {
                await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
                {
                    using var response = await http.PostAsync(PaymentPaths.Webhook, new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = providerId }));
                }));
            }

            await t.WaitUntilAsync(db => db.Chargebacks.Any(c => c.PaymentId == paymentId), $"{kind}: the chargeback is applied");
            await CheckAsync(t, figures, kind, invoiceId, paymentId, stillToPay: amount, chargebacks: 1, PaymentStatus.ChargedBack);
            figures.Operation();

            figures.Fault();
            if (kind == "lost")
            {
                faults.LoseNextWebhooks(1);
            }

            figures.Check(await t.Simulator.State.ReverseChargebackAsync(chargebackId!), $"{kind}: the simulator did not reverse the chargeback");
            if (kind == "lost")
            {
                await t.Handler<JobsService>().RunNowAsync(JobCatalog.Reconciliation, TimeSpan.FromMinutes(1));
            }

            await t.WaitUntilAsync(db => db.Chargebacks.Single(c => c.PaymentId == paymentId).ReversedAt != null, $"{kind}: the reversal is applied");
            await CheckAsync(t, figures, kind + " reversed", invoiceId, paymentId, stillToPay: 0, chargebacks: 1, PaymentStatus.Paid);
            figures.Operation();
        }

        figures.Detail("webhook deliveries seen by the simulator", t.Simulator.State.WebhookDeliveries.Count);
        figures.WriteAndAssertClean();
    }

    [Fact]
    public async Task Open_payments_that_expire_with_delivered_duplicate_or_lost_webhooks_leave_each_document_payable_once()
    {
        var mollieClock = new TestClock(DateTimeOffset.UtcNow);
        await using var t = await PaymentsTestApp.StartAsync(settings: ReconcileAtOnce, simulatorClock: mollieClock);
        var figures = new ReliabilityFigures("faults-expiry", "Faults", "Open iDEAL, card and bank-transfer payments expiring at Mollie, webhooks delivered, duplicated or lost");
        var faults = t.Simulator.State.Faults;
        var cases = new (PaymentMethod Method, TimeSpan Expiry, string Webhook)[]
        {
            (PaymentMethod.Ideal, TimeSpan.FromMinutes(15), "delivered"),
            (PaymentMethod.Ideal, TimeSpan.FromMinutes(15), "lost"),
            (PaymentMethod.Card, TimeSpan.FromMinutes(30), "duplicate"),
            (PaymentMethod.BankTransfer, TimeSpan.FromDays(14), "delivered"),
        };

        foreach (var (method, expiry, webhook) in cases)
        {
            var label = $"{method} ({webhook})";
            var (_, invoiceId) = await t.CreateOpenInvoiceAsync(3_300);
            var started = await t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, method, PaymentInitiator.Client, t.App.BaseAddress);
            var providerId = await t.ProviderIdOfAsync(started.PaymentId);
            figures.Fault();
            if (webhook == "lost")
            {
                faults.LoseNextWebhooks(1);
            }
            else if (webhook == "duplicate")
            {
                faults.DuplicateNextWebhooks(1);
            }

            mollieClock.Advance(expiry + TimeSpan.FromMinutes(1));
            await t.Simulator.State.RunDueLifecyclesAsync();
            figures.Check(t.Simulator.State.PaymentStatusOf(providerId) == "expired", $"{label}: Mollie did not expire the payment");
            if (webhook == "lost")
            {
                await t.Handler<JobsService>().RunNowAsync(JobCatalog.Reconciliation, TimeSpan.FromMinutes(1));
            }

            await t.WaitUntilAsync(db => db.Payments.Single(p => p.Id == started.PaymentId).Status == PaymentStatus.Expired, $"{label}: the payment expires here");
            await using (var db = t.App.CreateDbContext())
            {
                var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
                figures.Check(invoice.IsPayable && invoice.StillToPayMinor == 3_300, $"{label}: the invoice is {invoice.Status} with {invoice.StillToPayMinor} to pay");
                figures.Check(!await db.Allocations.AnyAsync(a => a.PaymentId == started.PaymentId), $"{label}: the expired payment was allocated");
            }

            var again = await t.Handler<StartOnlinePayment>().HandleAsync(PayableKind.Invoice, invoiceId, method, PaymentInitiator.Client, t.App.BaseAddress);
            figures.Check(again.PaymentId != started.PaymentId && !again.Reused, $"{label}: paying again handed out the expired checkout");
            figures.Operation(2);
        }

        figures.WriteAndAssertClean();
    }

    private static async Task CheckAsync(PaymentsTestApp t, ReliabilityFigures figures, string label, int invoiceId, int paymentId, long stillToPay, int chargebacks, PaymentStatus status)
    {
        await using var db = t.App.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Allocations).SingleAsync(i => i.Id == invoiceId);
        figures.Check(invoice.StillToPayMinor == stillToPay, $"{label}: still to pay {invoice.StillToPayMinor}, expected {stillToPay}");
        figures.Check(invoice.Status == (stillToPay == 0 ? InvoiceStatus.Paid : InvoiceStatus.Open), $"{label}: the invoice is {invoice.Status}");
        figures.Check(await db.Chargebacks.CountAsync(c => c.PaymentId == paymentId) == chargebacks, $"{label}: the chargeback was recorded more than once");
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        figures.Check(payment.Status == status, $"{label}: the payment is {payment.Status}");
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invoice.ClientId);
        figures.Check(client.BalanceMinor >= 0, $"{label}: negative balance {client.BalanceMinor}");
        // Conservation for this client: what the payment still holds is on the invoice (its ledger is empty).
        var held = invoice.Allocations.Where(a => a.PaymentId == paymentId).Sum(a => a.AmountMinor) + client.BalanceMinor;
        figures.Check(held == payment.AmountMinor - payment.ChargedBackMinor, $"{label}: the account holds {held} of the payment's {payment.AmountMinor} minus {payment.ChargedBackMinor} charged back");
    }

    private static async Task<long> StillToPayAsync(PaymentsTestApp t, int invoiceId)
    {
        await using var db = t.App.CreateDbContext();
        return (await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId)).StillToPayMinor;
    }
}
