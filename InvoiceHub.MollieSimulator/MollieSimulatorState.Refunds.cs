using System.Text.Json;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

public sealed partial class MollieSimulatorState
{
    internal SimResponse CreateRefund(string paymentId, JsonElement body, string baseUrl)
    {
        var amount = SimAmount.Parse(Member(body, "amount"), "amount", out var problem);
        if (amount is null)
        {
            return problem!;
        }
        var now = Now;
        lock (_gate)
        {
            if (!_payments.TryGetValue(paymentId, out var payment))
            {
                return SimResponse.NotFound("payment", paymentId);
            }
            if (!payment.IsRefundable)
            {
                return SimResponse.Problem(422, $"The payment {paymentId} cannot be refunded because it is {payment.Status}");
            }
            if (amount.Currency != payment.Amount.Currency)
            {
                return SimResponse.Problem(422, "The currency of the refund must match the currency of the payment", "amount.currency");
            }
            if (amount.Value <= 0)
            {
                return SimResponse.Problem(422, "The amount contains an invalid value", "amount.value");
            }
            if (amount.Value > payment.Remaining)
            {
                return SimResponse.Problem(422, $"The amount is higher than the amount that can be refunded ({payment.Amount.With(payment.Remaining).Text} {payment.Amount.Currency})", "amount");
            }
            if (payment.Refunds.Any(r => r.Amount == amount && !IsGivenBack(r.Status) && now - r.CreatedAt < TimeSpan.FromHours(1)))
            {
                return SimResponse.Problem(409, "A duplicate refund has been detected");
            }
            var refund = new SimRefund
            {
                Id = NewId("re_"),
                PaymentId = paymentId,
                Amount = amount,
                Description = Text(body, "description") is { Length: > 140 } text ? text[..140] : Text(body, "description"),
                Metadata = Member(body, "metadata") is { ValueKind: not JsonValueKind.Null } metadata ? JsonNode.Parse(metadata.GetRawText()) : null,
                CreatedAt = now,
            };
            payment.Refunds.Add(refund);
            payment.Refunded += amount.Value;
            return SimResponse.Json(201, SimJson.Refund(refund, baseUrl));
        }
    }

    /// <summary>
    /// Moves a refund on as Mollie's processing would (pending, processing, refunded, failed, canceled) and calls the
    /// payment's webhook, as Mollie does for refunds; a failed or canceled refund no longer counts as refunded.
    /// </summary>
    public async Task<bool> SetRefundStatusAsync(string refundId, string status)
    {
        if (status is not ("queued" or "pending" or "processing" or "refunded" or "failed" or "canceled"))
        {
            return false;
        }

        string paymentId;
        string? webhookUrl;
        lock (_gate)
        {
            var payment = _payments.Values.FirstOrDefault(p => p.Refunds.Any(r => r.Id == refundId));
            var refund = payment?.Refunds.Single(r => r.Id == refundId);
            if (payment is null || refund is null || IsGivenBack(refund.Status) || refund.Status == "refunded")
            {
                return false;
            }

            if (IsGivenBack(status))
            {
                payment.Refunded -= refund.Amount.Value;
            }

            refund.Status = status;
            paymentId = payment.Id;
            webhookUrl = payment.WebhookUrl;
        }

        if (status is "processing" or "refunded" or "failed")
        {
            await _webhooks.NotifyAsync(paymentId, "refund " + status, webhookUrl, _stopping.Token);
        }

        return true;
    }

    private static bool IsGivenBack(string status) => status is "failed" or "canceled";

    internal SimResponse ListRefunds(string paymentId, string baseUrl)
    {
        lock (_gate)
        {
            if (!_payments.TryGetValue(paymentId, out var payment))
            {
                return SimResponse.NotFound("payment", paymentId);
            }
            var refunds = payment.Refunds.AsEnumerable().Reverse().Select(r => SimJson.Refund(r, baseUrl));
            return SimResponse.Json(200, SimJson.List("refunds", refunds, $"{baseUrl}/v2/payments/{paymentId}/refunds"));
        }
    }
}
