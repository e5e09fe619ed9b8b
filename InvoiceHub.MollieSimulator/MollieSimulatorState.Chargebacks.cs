using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>
/// Chargebacks (docs.mollie.com/reference/get-chargeback, list-chargebacks): read-only at Mollie's API; here they
/// arrive through <c>POST _sim/payments/{id}/chargebacks</c>, <see cref="ChargeBackAsync"/> or the chargeback fault
/// switch. The payment stays paid, gains <c>amountChargedBack</c> and <c>_links.chargebacks</c>, and its webhook is
/// called; a reversal sets <c>reversedAt</c> and calls the webhook again.
/// </summary>
public sealed partial class MollieSimulatorState
{
    /// <summary>Charges a paid card or direct-debit payment back (by default in full) and calls its webhook; null when it cannot be.</summary>
    public async Task<string?> ChargeBackAsync(string paymentId, decimal? amount = null)
    {
        var (chargeback, _) = await TryChargeBackAsync(paymentId, amount);
        return chargeback?.Id;
    }

    internal async Task<(SimChargeback? Chargeback, SimResponse? Problem)> TryChargeBackAsync(string paymentId, decimal? amount)
    {
        SimChargeback chargeback;
        string? webhookUrl;
        lock (_gate)
        {
            if (!_payments.TryGetValue(paymentId, out var payment))
            {
                return (null, SimResponse.NotFound("payment", paymentId));
            }
            if (!ChargebackRules.CanBeChargedBack(payment))
            {
                return (null, SimResponse.Problem(422, $"Only paid card and direct debit payments can be charged back; {paymentId} is a {payment.Status} {payment.Method ?? "payment"}."));
            }
            var open = payment.Amount.Value - payment.ChargedBack;
            var value = amount ?? open;
            if (value <= 0 || value > open)
            {
                return (null, SimResponse.Problem(422, $"The chargeback amount must be between 0.01 and {payment.Amount.With(open).Text}", "amount"));
            }
            var (code, description) = ChargebackRules.Reason(payment.Method!);
            chargeback = new SimChargeback
            {
                Id = NewId("chb_"),
                PaymentId = paymentId,
                Amount = payment.Amount.With(value),
                ReasonCode = code,
                ReasonDescription = description,
                CreatedAt = Now,
            };
            payment.Chargebacks.Add(chargeback);
            _chargebacksInOrder.Add(chargeback);
            webhookUrl = payment.WebhookUrl;
        }
        await _webhooks.NotifyAsync(paymentId, "chargeback", webhookUrl, _stopping.Token);
        return (chargeback, null);
    }

    /// <summary>The chargeback was won or withdrawn: it gets <c>reversedAt</c> and the payment's webhook is called.</summary>
    public async Task<bool> ReverseChargebackAsync(string chargebackId)
    {
        string paymentId;
        string? webhookUrl;
        lock (_gate)
        {
            var chargeback = _chargebacksInOrder.FirstOrDefault(c => c.Id == chargebackId);
            if (chargeback is null || chargeback.ReversedAt is not null)
            {
                return false;
            }
            chargeback.ReversedAt = Now;
            paymentId = chargeback.PaymentId;
            webhookUrl = _payments[paymentId].WebhookUrl;
        }
        await _webhooks.NotifyAsync(paymentId, "chargeback reversed", webhookUrl, _stopping.Token);
        return true;
    }

    internal SimResponse GetChargeback(string paymentId, string chargebackId, string baseUrl, IReadOnlySet<string> embed)
    {
        lock (_gate)
        {
            var chargeback = _payments.TryGetValue(paymentId, out var payment) ? payment.Chargebacks.FirstOrDefault(c => c.Id == chargebackId) : null;
            return payment is null ? SimResponse.NotFound("payment", paymentId)
                : chargeback is null ? SimResponse.NotFound("chargeback", chargebackId)
                : SimResponse.Json(200, SimJson.Chargeback(chargeback, baseUrl, embed.Contains("payment") ? SimJson.Payment(payment, baseUrl) : null));
        }
    }

    internal SimResponse ListChargebacks(string? paymentId, PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            if (paymentId is not null && !_payments.ContainsKey(paymentId))
            {
                return SimResponse.NotFound("payment", paymentId);
            }
            var chargebacks = _chargebacksInOrder.Where(c => paymentId is null || c.PaymentId == paymentId);
            return Pagination.Answer(page, "chargebacks", "chargeback", chargebacks, c => c.Id, c => SimJson.Chargeback(c, baseUrl, null));
        }
    }
}

internal static class ChargebackRules
{
    /// <summary>The brief's scope and Mollie's chargeback page: card and SEPA direct debit payments, once paid.</summary>
    public static bool CanBeChargedBack(SimPayment payment) =>
        payment.Status == PaymentStatus.Paid && payment.Method is "creditcard" or "directdebit" && payment.ChargedBack < payment.Amount.Value;

    /// <summary>Typical reasons: SEPA return code MD06 (refund requested by the payer) or a card scheme's "fraud" dispute.</summary>
    public static (string Code, string Description) Reason(string method) => method == "directdebit"
        ? ("MD06", "Refund request by end customer")
        : ("4837", "No cardholder authorisation");
}
