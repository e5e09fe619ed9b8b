using InvoiceHub.MollieSimulator.Model;

namespace InvoiceHub.MollieSimulator;

public sealed partial class MollieSimulatorState
{
    /// <summary>
    /// Moves a payment to <paramref name="status"/> (checkout outcome, changePaymentState, expiry, recurring settlement)
    /// and calls its webhook when Mollie would. Final payments do not change again.
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
            var now = Now;
            if (payment.Method is null && method is not null && status == PaymentStatus.Open)
            {
                // The payer chose a method and left the payment open (a bank transfer waiting for the money): its expiry is now that method's.
                payment.ExpiresAt = ExpiryFor(PaymentMethod.Find(method), null, now);
            }
            payment.Method ??= method ?? PaymentMethod.All.First(m => m.Accepts(payment.Amount, payment.SequenceType)).Id;
            PaymentDetails.Apply(payment, status, now);
            payment.SettlesAt = null;
            if (status == PaymentStatus.Paid)
            {
                OnPaid(payment, now);
            }
            webhookUrl = payment.WebhookUrl;
        }
        if (PaymentStatus.TriggersWebhook(status))
        {
            await _webhooks.NotifyAsync(id, status, webhookUrl, _stopping.Token);
        }
        return new StatusChange(StatusChangeOutcome.Changed, payment);
    }

    /// <summary>Under the lock: a first payment leaves a mandate, a payment link records its first payment, the chargeback switch arms.</summary>
    private void OnPaid(SimPayment payment, DateTimeOffset now)
    {
        if (payment.SequenceType == "first" && payment.CustomerId is { } customerId)
        {
            var mandate = PaymentDetails.MandateFromFirstPayment(payment, NewId("mdt_"), now);
            _customers[customerId].Mandates.Add(mandate);
            payment.MandateId = mandate.Id;
        }
        if (payment.PaymentLinkId is { } linkId && _paymentLinks.TryGetValue(linkId, out var link))
        {
            link.PaidAt ??= now;
        }
        if (ChargebackRules.CanBeChargedBack(payment) && Faults.TakeChargeback())
        {
            payment.ChargebackDueAt = now + _timings.ChargebackAfterPaid;
        }
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

    internal CheckoutView? CheckoutView(string id)
    {
        lock (_gate)
        {
            return _payments.TryGetValue(id, out var p) && !p.IsRecurring
                ? new CheckoutView(p.Id, p.Amount, p.Description, p.Status, p.Method, p.SequenceType, p.RedirectUrl, p.CancelUrl, p.AllowedMethods, p.Locale)
                : null;
        }
    }
}

internal enum StatusChangeOutcome
{
    Changed,
    NotFound,
    AlreadyFinal,
    InvalidStatus,
}

internal sealed record StatusChange(StatusChangeOutcome Outcome, SimPayment? Payment);
