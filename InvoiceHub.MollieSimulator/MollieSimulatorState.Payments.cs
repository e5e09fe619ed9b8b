using System.Text.Json;
using System.Text.Json.Nodes;
using InvoiceHub.MollieSimulator.Model;
using Microsoft.Extensions.Logging;

namespace InvoiceHub.MollieSimulator;

public sealed partial class MollieSimulatorState
{
    internal SimResponse CreatePayment(JsonElement body, string baseUrl)
    {
        var amount = SimAmount.Parse(Member(body, "amount"), "amount", out var problem);
        if (amount is null)
        {
            return problem!;
        }
        var description = Text(body, "description");
        if (string.IsNullOrWhiteSpace(description))
        {
            return SimResponse.Problem(422, "The description is invalid", "description");
        }
        var sequenceType = Text(body, "sequenceType") ?? "oneoff";
        if (sequenceType is not ("oneoff" or "first" or "recurring"))
        {
            return SimResponse.Problem(422, "The sequence type is invalid", "sequenceType");
        }
        var redirectUrl = Text(body, "redirectUrl");
        if (sequenceType != "recurring" && string.IsNullOrWhiteSpace(redirectUrl))
        {
            return SimResponse.Problem(422, "The redirect URL is missing", "redirectUrl");
        }
        var method = Text(body, "method");
        var preset = method is null ? null : PaymentMethod.Find(method);
        if (method is not null && (preset is null || !preset.SequenceTypes.Contains(sequenceType)))
        {
            return SimResponse.Problem(422, "The payment method is invalid", "method");
        }
        if (preset is not null && !preset.Currencies.Contains(amount.Currency))
        {
            return SimResponse.Problem(422, "The currency is not supported for this payment method", "amount.currency");
        }
        if (preset?.Maximum is { } maximum && amount.Value > maximum)
        {
            return SimResponse.Problem(422, "The amount is higher than the maximum", "amount");
        }
        if (preset is not null && !preset.Accepts(amount, sequenceType))
        {
            return SimResponse.Problem(422, "The amount is lower than the minimum", "amount");
        }
        var webhookUrl = Text(body, "webhookUrl");
        if (webhookUrl is not null && !Uri.TryCreate(webhookUrl, UriKind.Absolute, out _))
        {
            return SimResponse.Problem(422, "The webhook URL is invalid", "webhookUrl");
        }
        var customerId = Text(body, "customerId");
        var mandateId = Text(body, "mandateId");

        SimPayment payment;
        lock (_gate)
        {
            SimCustomer? customer = null;
            if (customerId is not null && !_customers.TryGetValue(customerId, out customer))
            {
                return SimResponse.Problem(422, "The customer id is invalid", "customerId");
            }
            if (sequenceType is "first" or "recurring" && customer is null)
            {
                return SimResponse.Problem(422, "A customer is required for this sequence type", "customerId");
            }
            SimMandate? mandate = null;
            if (sequenceType == "recurring")
            {
                // Without a mandateId Mollie charges the customer's newest valid mandate.
                mandate = customer!.Mandates.LastOrDefault(m => m.Status == "valid" && !m.Revoked && (mandateId is null || m.Id == mandateId));
                if (mandate is null)
                {
                    return SimResponse.Problem(422, "No suitable mandates found for customer", mandateId is null ? "customerId" : "mandateId");
                }
                if (PaymentMethod.Find(mandate.Method) is { } mandateMethod && !mandateMethod.Accepts(amount, "recurring"))
                {
                    return SimResponse.Problem(422, "The amount is higher than the maximum", "amount");
                }
            }

            var now = Now;
            payment = new SimPayment
            {
                Id = NewId("tr_"),
                Amount = amount,
                Description = description.Length > 255 ? description[..255] : description,
                SequenceType = sequenceType,
                CreatedAt = now,
                RedirectUrl = sequenceType == "recurring" ? null : redirectUrl,
                CancelUrl = Text(body, "cancelUrl"),
                WebhookUrl = webhookUrl,
                Locale = Text(body, "locale"),
                Metadata = Member(body, "metadata") is { ValueKind: not JsonValueKind.Null } metadata ? JsonNode.Parse(metadata.GetRawText()) : null,
                CustomerId = customer?.Id,
                MandateId = mandate?.Id,
                Method = mandate?.Method ?? preset?.Id,
            };
            if (mandate is not null)
            {
                payment.Status = PaymentStatus.Pending;
                payment.Details = PaymentDetails.ForRecurring(payment, mandate, now);
            }
            else
            {
                payment.ExpiresAt = now + (preset?.Expiry ?? TimeSpan.FromMinutes(15));
                payment.Details = preset?.Id == "banktransfer" ? PaymentDetails.BankTransferInstructions(payment) : null;
            }
            _payments.Add(payment.Id, payment);
            _paymentsInOrder.Add(payment);
        }

        if (payment.IsRecurring && _options.RecurringSettleDelay is { } settleAfter)
        {
            ScheduleSettlement(payment.Id, settleAfter);
        }
        return Render(201, payment, baseUrl);
    }

    internal SimResponse GetPayment(string id, string baseUrl)
    {
        lock (_gate)
        {
            return _payments.TryGetValue(id, out var payment) ? Render(200, payment, baseUrl) : SimResponse.NotFound("payment", id);
        }
    }

    internal async Task<SimResponse> CancelPaymentAsync(string id, string baseUrl)
    {
        SimResponse response;
        string? webhookUrl;
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                return SimResponse.NotFound("payment", id);
            }
            if (!payment.IsCancelable)
            {
                return SimResponse.Problem(422, "The payment cannot be cancelled");
            }
            PaymentDetails.Apply(payment, PaymentStatus.Canceled, Now);
            webhookUrl = payment.WebhookUrl;
            response = Render(200, payment, baseUrl);
        }
        await _webhooks.NotifyAsync(id, PaymentStatus.Canceled, webhookUrl, _stopping.Token);
        return response;
    }

    /// <summary>Newest first, from the payment named by <paramref name="from"/> on, like Mollie's cursor pagination.</summary>
    internal SimResponse ListPayments(string? from, string? limitText, string baseUrl)
    {
        var limit = 50;
        if (limitText is not null && (!int.TryParse(limitText, out limit) || limit is < 1 or > 250))
        {
            return SimResponse.Problem(400, "The limit must be between 1 and 250", "limit");
        }
        lock (_gate)
        {
            var newestFirst = Enumerable.Reverse(_paymentsInOrder).ToList();
            var start = 0;
            if (from is not null)
            {
                start = newestFirst.FindIndex(p => p.Id == from);
                if (start < 0)
                {
                    return SimResponse.NotFound("payment", from);
                }
            }
            var page = newestFirst.Skip(start).Take(limit).ToList();
            var self = $"{baseUrl}/v2/payments?limit={limit}" + (from is null ? "" : $"&from={from}");
            var next = start + limit < newestFirst.Count ? $"{baseUrl}/v2/payments?from={newestFirst[start + limit].Id}&limit={limit}" : null;
            var previous = start > 0 ? $"{baseUrl}/v2/payments?from={newestFirst[Math.Max(0, start - limit)].Id}&limit={limit}" : null;
            return SimResponse.Json(200, SimJson.List("payments", page.Select(p => SimJson.Payment(p, baseUrl)), self, previous, next));
        }
    }

    /// <summary>
    /// Moves a payment to <paramref name="status"/> (checkout outcome, changePaymentState, recurring settlement) and
    /// calls its webhook when Mollie would. Final payments do not change again.
    /// </summary>
    internal async Task<StatusChange> ChangeStatusAsync(string id, string status, string? method = null)
    {
        if (!PaymentStatus.All.Contains(status))
        {
            return new StatusChange(StatusChangeOutcome.InvalidStatus, null);
        }
        string? webhookUrl;
        SimPayment payment;
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out payment!))
            {
                return new StatusChange(StatusChangeOutcome.NotFound, null);
            }
            if (PaymentStatus.IsFinal(payment.Status))
            {
                return new StatusChange(StatusChangeOutcome.AlreadyFinal, payment);
            }
            payment.Method ??= method ?? PaymentMethod.All.First(m => m.Accepts(payment.Amount, payment.SequenceType)).Id;
            PaymentDetails.Apply(payment, status, Now);
            if (status == PaymentStatus.Paid && payment.SequenceType == "first" && payment.CustomerId is { } customerId)
            {
                var mandate = PaymentDetails.MandateFromFirstPayment(payment, NewId("mdt_"), Now);
                _customers[customerId].Mandates.Add(mandate);
                payment.MandateId = mandate.Id;
            }
            webhookUrl = payment.WebhookUrl;
        }
        if (PaymentStatus.TriggersWebhook(status))
        {
            await _webhooks.NotifyAsync(id, status, webhookUrl, _stopping.Token);
        }
        return new StatusChange(StatusChangeOutcome.Changed, payment);
    }

    /// <summary>Sets a payment's status as the test-mode changePaymentState page does, then calls its webhook.</summary>
    public async Task<bool> SetPaymentStatusAsync(string paymentId, string status) =>
        (await ChangeStatusAsync(paymentId, status)).Outcome == StatusChangeOutcome.Changed;

    /// <summary>Settles a pending recurring payment now: failed when the fail switch is on or the amount matches the failure rule, otherwise paid.</summary>
    public async Task<string?> SettleRecurringPaymentAsync(string paymentId)
    {
        string amountText;
        lock (_gate)
        {
            if (!_payments.TryGetValue(paymentId, out var payment) || !payment.IsRecurring || payment.Status != PaymentStatus.Pending)
            {
                return null;
            }
            amountText = payment.Amount.Text;
        }
        var fails = Faults.FailRecurringPayments || amountText.EndsWith(_options.RecurringFailureAmountSuffix, StringComparison.Ordinal);
        var change = await ChangeStatusAsync(paymentId, fails ? PaymentStatus.Failed : PaymentStatus.Paid);
        return change.Payment?.Status;
    }

    private void ScheduleSettlement(string paymentId, TimeSpan after)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(after, _time, _stopping.Token);
                await SettleRecurringPaymentAsync(paymentId);
            }
            catch (OperationCanceledException)
            {
                // The simulator is shutting down; the payment stays pending, as an unsettled debit would.
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                _logger.LogWarning(ex, "Settling recurring payment {PaymentId} failed", paymentId);
            }
        });
    }

    private static SimResponse Render(int status, SimPayment payment, string baseUrl) => SimResponse.Json(status, SimJson.Payment(payment, baseUrl));

    private static JsonElement? Member(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement body, string name) =>
        Member(body, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}

internal enum StatusChangeOutcome
{
    Changed,
    NotFound,
    AlreadyFinal,
    InvalidStatus,
}

internal sealed record StatusChange(StatusChangeOutcome Outcome, SimPayment? Payment);

public sealed partial class MollieSimulatorState
{
    internal CheckoutView? CheckoutView(string id)
    {
        lock (_gate)
        {
            return _payments.TryGetValue(id, out var p) && !p.IsRecurring
                ? new CheckoutView(p.Id, p.Amount, p.Description, p.Status, p.Method, p.SequenceType, p.RedirectUrl, p.CancelUrl)
                : null;
        }
    }
}
