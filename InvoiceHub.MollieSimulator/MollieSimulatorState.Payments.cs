using System.Text.Json;
using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

public sealed partial class MollieSimulatorState
{
    /// <summary>POST /v2/payments, POST /v2/customers/{id}/payments (<paramref name="routeCustomerId"/>) and payment-link checkouts.</summary>
    internal SimResponse CreatePayment(JsonElement body, string baseUrl, string? routeCustomerId = null, string? paymentLinkId = null)
    {
        var now = Now;
        var request = PaymentRequest.Parse(body, _options, DateOnly.FromDateTime(now.UtcDateTime), out var problem);
        if (request is null)
        {
            return problem!;
        }
        var customerId = routeCustomerId ?? Json.Text(body, "customerId");
        var mandateId = Json.Text(body, "mandateId");

        SimPayment payment;
        lock (_gate)
        {
            SimCustomer? customer = null;
            if (customerId is not null && (!_customers.TryGetValue(customerId, out customer) || customer.Deleted))
            {
                return routeCustomerId is null ? SimResponse.Problem(422, "The customer id is invalid", "customerId") : SimResponse.NotFound("customer", customerId);
            }
            if (request.SequenceType is "first" or "recurring" && customer is null)
            {
                return SimResponse.Problem(422, "A customer is required for this sequence type", "customerId");
            }
            SimMandate? mandate = null;
            if (request.SequenceType == "recurring")
            {
                // Without a mandateId Mollie charges the customer's newest valid mandate.
                mandate = customer!.Mandates.LastOrDefault(m => m.Status == "valid" && !m.Revoked && (mandateId is null || m.Id == mandateId));
                if (mandate is null)
                {
                    return SimResponse.Problem(422, "No suitable mandates found for customer", mandateId is null ? "customerId" : "mandateId");
                }
                if (PaymentMethod.Find(mandate.Method) is { } mandateMethod && !mandateMethod.Accepts(request.Amount, "recurring"))
                {
                    return SimResponse.Problem(422, "The amount is higher than the maximum", "amount");
                }
            }

            payment = new SimPayment
            {
                Id = NewId("tr_"),
                Amount = request.Amount,
                Description = request.Description,
                SequenceType = request.SequenceType,
                CreatedAt = now,
                RedirectUrl = request.SequenceType == "recurring" ? null : request.RedirectUrl,
                CancelUrl = Json.Text(body, "cancelUrl"),
                WebhookUrl = request.WebhookUrl,
                Locale = Json.Text(body, "locale"),
                Metadata = request.Metadata,
                CustomerId = customer?.Id,
                MandateId = mandate?.Id,
                Method = mandate?.Method ?? request.Preset?.Id,
                AllowedMethods = request.Methods.Count > 1 ? request.Methods.Select(m => m.Id).ToList() : [],
                PaymentLinkId = paymentLinkId,
            };
            if (mandate is not null)
            {
                payment.Status = PaymentStatus.Pending;
                payment.Details = PaymentDetails.ForRecurring(payment, mandate, now);
                payment.SettlesAt = _options.RecurringSettleDelay is { } settleAfter ? now + settleAfter : null;
            }
            else
            {
                payment.ExpiresAt = ExpiryFor(request.Preset, request.DueDate, now);
                // A bank transfer among the offered methods needs its transfer instructions from the start.
                payment.Details = request.Methods.Any(m => m.Id == "banktransfer") ? PaymentDetails.BankTransferInstructions(payment) : null;
            }
            _payments.Add(payment.Id, payment);
            _paymentsInOrder.Add(payment);
        }
        return Render(201, payment, baseUrl);
    }

    internal SimResponse GetPayment(string id, string baseUrl, IReadOnlySet<string>? embed = null)
    {
        lock (_gate)
        {
            return _payments.TryGetValue(id, out var payment) ? Render(200, payment, baseUrl, embed) : SimResponse.NotFound("payment", id);
        }
    }

    /// <summary>DELETE /v2/payments/{id}: only while <c>isCancelable</c>, else 422 "The payment cannot be cancelled".</summary>
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

    /// <summary>GET /v2/payments, optionally of one customer or payment link; <c>embed=refunds,chargebacks</c> embeds those.</summary>
    internal SimResponse ListPayments(PageRequest page, string baseUrl, IReadOnlySet<string>? embed = null, Func<SimPayment, bool>? filter = null)
    {
        lock (_gate)
        {
            return Pagination.Answer(page, "payments", "payment", _paymentsInOrder.Where(filter ?? (_ => true)), p => p.Id, p => SimJson.Payment(p, baseUrl, embed));
        }
    }

    internal SimResponse ListCustomerPayments(string customerId, PageRequest page, string baseUrl)
    {
        lock (_gate)
        {
            return CustomerProblem(customerId) ?? ListPayments(page, baseUrl, null, p => p.CustomerId == customerId);
        }
    }

    /// <summary>
    /// PATCH /v2/payments/{id} (docs.mollie.com/reference/update-payment): description, URLs, metadata, method, locale,
    /// and dueDate for bank transfers, while the payment is not final.
    /// </summary>
    internal SimResponse UpdatePayment(string id, JsonElement body, string baseUrl)
    {
        var problem = PaymentRequest.CheckMetadata(body, out var metadata) ?? PaymentRequest.CheckWebhookUrl(Json.Text(body, "webhookUrl"), _options.AllowLocalWebhookUrls) ?? PaymentRequest.CheckLocale(Json.Text(body, "locale"));
        if (problem is not null)
        {
            return problem;
        }
        if (Json.Member(body, "description") is not null && string.IsNullOrWhiteSpace(Json.Text(body, "description")))
        {
            return SimResponse.Problem(422, "The description is invalid", "description");
        }
        lock (_gate)
        {
            if (!_payments.TryGetValue(id, out var payment))
            {
                return SimResponse.NotFound("payment", id);
            }
            if (PaymentStatus.IsFinal(payment.Status))
            {
                return SimResponse.Problem(422, $"The payment cannot be updated because it is {payment.Status}");
            }
            if (Json.Text(body, "method") is { } methodName)
            {
                var method = PaymentMethod.Find(methodName);
                if (payment.Status != PaymentStatus.Open || method is null || !method.Accepts(payment.Amount, payment.SequenceType))
                {
                    return SimResponse.Problem(422, "The payment method is invalid", "method");
                }
                payment.Method = method.Id;
                payment.AllowedMethods = [];
                payment.ExpiresAt = ExpiryFor(method, null, Now);
                payment.Details = method.Id == "banktransfer" ? PaymentDetails.BankTransferInstructions(payment) : null;
            }
            if (Json.Text(body, "dueDate") is { } dueText)
            {
                var today = DateOnly.FromDateTime(Now.UtcDateTime);
                if (payment.Method != "banktransfer" || !DateOnly.TryParseExact(dueText, "yyyy-MM-dd", out var due) || due <= today || due > today.AddDays(101))
                {
                    return SimResponse.Problem(422, "The due date is invalid; it must be between tomorrow and 100 days after tomorrow", "dueDate");
                }
                payment.ExpiresAt = ExpiryFor(PaymentMethod.Find("banktransfer"), due, Now);
            }
            payment.Description = Json.Text(body, "description") is { } description ? description[..Math.Min(255, description.Length)] : payment.Description;
            payment.RedirectUrl = Json.Text(body, "redirectUrl") ?? payment.RedirectUrl;
            payment.CancelUrl = Json.Text(body, "cancelUrl") ?? payment.CancelUrl;
            payment.WebhookUrl = Json.Text(body, "webhookUrl") ?? payment.WebhookUrl;
            payment.Locale = Json.Text(body, "locale") ?? payment.Locale;
            payment.Metadata = metadata ?? payment.Metadata;
            return Render(200, payment, baseUrl);
        }
    }

    /// <summary>
    /// Mollie's expiry per method (MOLLIE.md §2): iDEAL 15 min, card 30 min, …; bank transfer 12 days, moved past a
    /// weekend, or its <c>dueDate</c>. The simulator's timings may cap it (Development).
    /// </summary>
    private DateTimeOffset ExpiryFor(PaymentMethod? method, DateOnly? dueDate, DateTimeOffset now)
    {
        if (dueDate is { } due)
        {
            return new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        var expiry = _timings.ExpiryOf(method);
        var at = now + expiry;
        if (method?.Id == "banktransfer" && expiry == method.Expiry)
        {
            at = at.AddDays(at.DayOfWeek switch { DayOfWeek.Saturday => 2, DayOfWeek.Sunday => 1, _ => 0 });
        }
        return at;
    }

    private static SimResponse Render(int status, SimPayment payment, string baseUrl, IReadOnlySet<string>? embed = null) =>
        SimResponse.Json(status, SimJson.Payment(payment, baseUrl, embed));
}
