using System.Text.Json;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

/// <summary>The Refunds API (docs.mollie.com/reference/create-refund, get-refund, list-refunds, cancel-refund; /payments/refunds).</summary>
public sealed partial class MollieSimulatorState
{
    internal SimResponse CreateRefund(string paymentId, JsonElement body, string baseUrl)
    {
        var amount = SimAmount.Parse(Json.Member(body, "amount"), "amount", out var problem);
        if (amount is null)
        {
            return problem!;
        }
        if (PaymentRequest.CheckMetadata(body, out var metadata) is { } tooLarge)
        {
            return tooLarge;
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
            // Queued only when the balance is short (the refund fault switch); otherwise pending, as in Mollie's examples.
            var status = Faults.QueueRefunds ? "queued" : "pending";
            var refund = new SimRefund
            {
                Id = NewId("re_"),
                PaymentId = paymentId,
                Amount = amount,
                Description = Json.Text(body, "description") is { Length: > 140 } text ? text[..140] : Json.Text(body, "description"),
                Metadata = metadata,
                CreatedAt = now,
                Status = status,
                NextStepAt = NextRefundStepAt(status, now),
                WillFail = Faults.TakeRefundFailure(),
            };
            payment.Refunds.Add(refund);
            _refundsInOrder.Add(refund);
            payment.Refunded += amount.Value;
            return SimResponse.Json(201, SimJson.Refund(refund, baseUrl));
        }
    }

    /// <summary>
    /// Moves a refund on (queued, pending, processing, refunded, failed, canceled). Mollie calls the payment's webhook
    /// for processing, refunded and failed (the status table of docs.mollie.com/payments/refunds); a failed or canceled
    /// refund no longer counts as refunded.
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
            var refund = _refundsInOrder.FirstOrDefault(r => r.Id == refundId);
            if (refund is null || IsGivenBack(refund.Status) || refund.Status == "refunded" || !_payments.TryGetValue(refund.PaymentId, out var payment))
            {
                return false;
            }
            if (IsGivenBack(status))
            {
                payment.Refunded -= refund.Amount.Value;
            }
            refund.Status = status;
            refund.NextStepAt = NextRefundStepAt(status, Now);
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

    internal SimResponse GetRefund(string paymentId, string refundId, string baseUrl)
    {
        lock (_gate)
        {
            var refund = _payments.TryGetValue(paymentId, out var payment) ? payment.Refunds.FirstOrDefault(r => r.Id == refundId) : null;
            return payment is null ? SimResponse.NotFound("payment", paymentId)
                : refund is null ? SimResponse.NotFound("refund", refundId)
                : SimResponse.Json(200, SimJson.Refund(refund, baseUrl));
        }
    }

    /// <summary>DELETE …/refunds/{id}: only while queued or pending (cancel-refund reference page); 204, no webhook.</summary>
    internal SimResponse CancelRefund(string paymentId, string refundId)
    {
        lock (_gate)
        {
            var refund = _payments.TryGetValue(paymentId, out var payment) ? payment.Refunds.FirstOrDefault(r => r.Id == refundId) : null;
            if (payment is null || refund is null)
            {
                return payment is null ? SimResponse.NotFound("payment", paymentId) : SimResponse.NotFound("refund", refundId);
            }
            if (refund.Status is not ("queued" or "pending"))
            {
                return SimResponse.Problem(422, $"The refund cannot be canceled because it is {refund.Status}");
            }
            refund.Status = "canceled";
            refund.NextStepAt = null;
            payment.Refunded -= refund.Amount.Value;
            return SimResponse.NoContent();
        }
    }

    internal SimResponse ListRefunds(string? paymentId, PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            if (paymentId is not null && !_payments.ContainsKey(paymentId))
            {
                return SimResponse.NotFound("payment", paymentId);
            }
            var refunds = _refundsInOrder.Where(r => paymentId is null || r.PaymentId == paymentId);
            return Pagination.Answer(page, "refunds", "refund", refunds, r => r.Id, r => SimJson.Refund(r, baseUrl));
        }
    }
}
