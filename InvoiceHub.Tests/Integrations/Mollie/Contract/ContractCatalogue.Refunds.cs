using static InvoiceHub.Tests.Integrations.Mollie.Contract.ContractRequest;
using static InvoiceHub.Tests.Integrations.Mollie.Contract.Expect;

namespace InvoiceHub.Tests.Integrations.Mollie.Contract;

public static partial class ContractCatalogue
{
    /// <summary>update-payment and cancel-payment (MOLLIE.md §2: only open bank transfers and pending direct debits cancel).</summary>
    private static IEnumerable<ContractCase> PaymentChanges() =>
    [
        C("update-payment", "description, metadata and webhook URL of an open payment change", async w =>
            Patch($"/payments/{await w.OpenPaymentAsync()}", new { description = "Invoice 2026-0042 (reissued)", metadata = new { invoice = "42b" }, webhookUrl = w.WebhookUrl + "?v=2" }), 200,
            Eq("id", "{payment}"), Eq("description", "Invoice 2026-0042 (reissued)"), Eq("metadata.invoice", "42b"), Match("webhookUrl", @"\?v=2$")),
        C("update-payment", "a bank transfer's dueDate sets its expiry", async w =>
        {
            var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            w.Vars["due"] = due;
            return Patch($"/payments/{await w.OpenPaymentAsync("banktransfer")}", new { dueDate = due });
        }, 200, Match("expiresAt", @"^\d{4}-\d\d-\d\dT00:00:00\+00:00$")),
        C("update-payment", "a paid payment cannot be updated", async w => Patch($"/payments/{await w.PaidPaymentAsync()}", new { description = "Too late" }), 422),
        C("cancel-payment", "an open bank transfer is canceled", async w => Delete($"/payments/{await w.OpenPaymentAsync("banktransfer")}"), 200,
            Eq("status", "canceled"), Present("canceledAt"), Absent("isCancelable")),
        C("cancel-payment", "an open iDEAL payment cannot be canceled", async w => Delete($"/payments/{await w.OpenPaymentAsync()}"), 422,
            Eq("detail", "The payment cannot be cancelled")),
    ];

    /// <summary>create-refund, get-refund, list-refunds, list-all-refunds, cancel-refund (and docs.mollie.com/payments/refunds).</summary>
    private static IEnumerable<ContractCase> Refunds() =>
    [
        C("create-refund", "a refund of a paid payment starts pending", async w =>
            Post($"/payments/{await w.PaidPaymentAsync()}/refunds", new { amount = new { currency = "EUR", value = "4.00" }, description = "Goodwill" }), 201,
            Eq("resource", "refund"), Match("id", "^re_"), Eq("status", "pending"), Eq("amount.value", "4.00"), Eq("paymentId", "{payment}"),
            Eq("settlementAmount.value", "-4.00"), Present("_links.self.href"), Present("_links.payment.href"), Present("_links.documentation.href")),
        C("create-refund", "more than the remaining amount is refused", async w =>
            Post($"/payments/{await w.PaidPaymentAsync()}/refunds", new { amount = new { currency = "EUR", value = "10.01" } }), 422, Eq("field", "amount")),
        C("create-refund", "the same amount again within the hour is a duplicate", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            await w.RefundAsync(payment, "3.00");
            return Post($"/payments/{payment}/refunds", new { amount = new { currency = "EUR", value = "3.00" } });
        }, 409, Eq("detail", "A duplicate refund has been detected")),
        C("create-refund", "an open payment cannot be refunded", async w =>
            Post($"/payments/{await w.OpenPaymentAsync()}/refunds", new { amount = new { currency = "EUR", value = "1.00" } }), 422),
        C("get-refund", "a refund answers at its own self link", async w => Get($"/payments/{w.Vars["p"] = await w.PaidPaymentAsync()}/refunds/{await w.RefundAsync(w.Vars["p"])}"), 200,
            Eq("id", "{refund}"), Eq("status", "pending"), Match("_links.self.href", "/v2/payments/tr_[A-Za-z0-9]+/refunds/re_[A-Za-z0-9]+$")),
        C("get-refund", "an unknown refund is a 404", async w => Get($"/payments/{await w.PaidPaymentAsync()}/refunds/re_unknown"), 404),
        C("list-refunds", "a payment's refunds, newest first", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            await w.RefundAsync(payment, "1.00");
            await w.RefundAsync(payment, "2.00");
            return Get($"/payments/{payment}/refunds");
        }, 200, Eq("count", 2), Eq("_embedded.refunds[0].id", "{refund}"), Present("_links.self.href")),
        C("list-all-refunds", "every refund of the account", async w =>
        {
            await w.RefundAsync(await w.PaidPaymentAsync());
            return Get("/refunds?limit=5");
        }, 200, HasId("_embedded.refunds", "{refund}")),
        C("cancel-refund", "a pending refund is canceled", async w => Delete($"/payments/{w.Vars["p"] = await w.PaidPaymentAsync()}/refunds/{await w.RefundAsync(w.Vars["p"])}"), 204),
        C("cancel-refund", "a processing refund can no longer be canceled", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            var refund = await w.RefundAsync(payment);
            await w.ControlAsync($"refunds/{refund}/status", new { status = "processing" });
            return Delete($"/payments/{payment}/refunds/{refund}");
        }, 422),
        C("get-payment", "a canceled refund is given back to amountRemaining", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            var refund = await w.RefundAsync(payment, "4.00");
            await w.SendAsync(Delete($"/payments/{payment}/refunds/{refund}"));
            return Get($"/payments/{payment}");
        }, 200, Eq("amountRefunded.value", "0.00"), Eq("amountRemaining.value", "10.00")),
    ];

    /// <summary>get-chargeback, list-chargebacks, list-all-chargebacks (MOLLIE.md §6, §9).</summary>
    private static IEnumerable<ContractCase> Chargebacks() =>
    [
        C("get-chargeback", "a chargeback has its amount, negative settlement, reason and no reversal yet", async w =>
            Get($"/payments/{w.Vars["p"] = await w.PaidPaymentAsync()}/chargebacks/{await w.ChargebackAsync(w.Vars["p"])}"), 200,
            Eq("resource", "chargeback"), Match("id", "^chb_"), Eq("amount.value", "10.00"), Eq("settlementAmount.value", "-10.00"), Present("reason.code"),
            Present("reason.description"), Null("reversedAt"), Eq("paymentId", "{payment}"), Present("createdAt"), Present("_links.payment.href"), Present("_links.self.href")),
        C("get-chargeback", "embed=payment embeds the payment", async w =>
            Get($"/payments/{w.Vars["p"] = await w.PaidPaymentAsync()}/chargebacks/{await w.ChargebackAsync(w.Vars["p"])}?embed=payment"), 200,
            Eq("_embedded.payment.id", "{payment}")),
        C("get-chargeback", "an unknown chargeback is a 404", async w => Get($"/payments/{await w.PaidPaymentAsync()}/chargebacks/chb_unknown"), 404),
        C("get-payment", "a charged-back payment stays paid and shows amountChargedBack", async w =>
        {
            var payment = await w.PaidPaymentAsync();
            await w.ChargebackAsync(payment);
            return Get($"/payments/{payment}");
        }, 200, Eq("status", "paid"), Eq("amountChargedBack.value", "10.00"), Present("_links.chargebacks.href")),
        C("list-chargebacks", "a payment's chargebacks", async w =>
        {
            await w.ChargebackAsync(await w.PaidPaymentAsync());
            return Get($"/payments/{w.Vars["payment"]}/chargebacks");
        }, 200, Eq("count", 1), Eq("_embedded.chargebacks[0].id", "{chargeback}")),
        C("list-all-chargebacks", "every chargeback of the account", async w =>
        {
            await w.ChargebackAsync(await w.PaidPaymentAsync());
            return Get("/chargebacks?limit=3");
        }, 200, HasId("_embedded.chargebacks", "{chargeback}")),
    ];
}
