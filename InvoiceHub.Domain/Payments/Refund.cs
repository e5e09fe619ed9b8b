using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Payments;

/// <summary>Where refunded money goes: back to the payer through the payment's provider, or onto the client's balance.</summary>
public enum RefundDestination
{
    Payer,
    Balance,
}

/// <summary>Mollie's refund statuses; a refund to the balance is Refunded at once.</summary>
public enum RefundStatus
{
    Queued,
    Pending,
    Processing,
    Refunded,
    Failed,
    Canceled,
}

/// <summary>
/// Money of a paid payment given back (docs/decisions/0009). Made by <see cref="Credit.RefundRules"/>, which
/// takes the amount off what the payment settled in the same transaction; a refund that fails gives it back.
/// </summary>
public sealed class Refund : AggregateRoot
{
    public const int MaxReasonLength = 140;
    public const int MaxRequestedByLength = 256;
    public const int MaxRequestKeyLength = 100;

    private Refund()
    {
        Currency = null!;
        Reason = string.Empty;
        RequestedBy = string.Empty;
    }

    private Refund(Payment payment, long amountMinor, RefundDestination destination, string reason, string requestedBy, DateTimeOffset now)
    {
        Payment = payment;
        PaymentId = payment.Id;
        ClientId = payment.ClientId;
        Currency = payment.Currency;
        AmountMinor = amountMinor;
        Destination = destination;
        Reason = reason;
        RequestedBy = requestedBy;
        CreatedAt = now;
        StatusChangedAt = now;
        Status = destination == RefundDestination.Balance ? RefundStatus.Refunded : RefundStatus.Pending;
    }

    public int PaymentId { get; private set; }

    public Payment? Payment { get; private set; }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    public long AmountMinor { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    public RefundDestination Destination { get; private set; }

    public RefundStatus Status { get; private set; }

    /// <summary>Mollie's <c>re_…</c>, once Mollie has accepted the refund.</summary>
    public string? ProviderRefundId { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The staff user or API key that asked for it.</summary>
    public string RequestedBy { get; private set; }

    /// <summary>The caller's key for this request (the dialog's, or the API's Idempotency-Key): the same key never refunds twice.</summary>
    public string? RequestKey { get; private set; }

    /// <summary>What was taken off the balance (money of this payment still held there).</summary>
    public long FromBalanceMinor { get; private set; }

    /// <summary>Mollie's or our words when the refund failed.</summary>
    public string? FailureReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>Failed and Canceled refunds gave their amount back; the others count against the payment.</summary>
    public bool IsActive => Status is not (RefundStatus.Failed or RefundStatus.Canceled);

    public bool IsFinal => Status is RefundStatus.Refunded or RefundStatus.Failed or RefundStatus.Canceled;

    internal static Refund Create(Payment payment, long amountMinor, RefundDestination destination, string? reason, string requestedBy, string? requestKey, DateTimeOffset now)
    {
        if (requestKey is { Length: > MaxRequestKeyLength })
        {
            throw new DomainException(ErrorCodes.InvalidReference, $"The idempotency key is longer than {MaxRequestKeyLength} characters.", "requestKey");
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxReasonLength)
        {
            throw new DomainException(ErrorCodes.ReasonRequired, $"Say why the money is refunded (1 to {MaxReasonLength} characters).", "reason");
        }

        var by = string.IsNullOrWhiteSpace(requestedBy) ? "unknown" : requestedBy.Trim();
        return new Refund(payment, amountMinor, destination, trimmed, by.Length > MaxRequestedByLength ? by[..MaxRequestedByLength] : by, now)
        {
            RequestKey = string.IsNullOrWhiteSpace(requestKey) ? null : requestKey,
        };
    }

    internal void TookFromBalance(long amountMinor) => FromBalanceMinor += amountMinor;

    public void AssignProviderId(string providerRefundId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerRefundId);
        if (ProviderRefundId == providerRefundId)
        {
            return;
        }

        if (ProviderRefundId is not null)
        {
            throw new DomainException(ErrorCodes.ProviderIdAlreadySet, $"The refund is already linked to {ProviderRefundId}.");
        }

        ProviderRefundId = providerRefundId;
        IncrementVersion();
    }

    /// <summary>
    /// Takes the provider's status. Failed/Canceled must go through <see cref="Credit.RefundRules.Fail"/>, which
    /// also gives the money back; a final refund keeps its status.
    /// </summary>
    public bool ApplyProviderStatus(RefundStatus status, DateTimeOffset now)
    {
        if (status == Status || IsFinal || status is RefundStatus.Failed or RefundStatus.Canceled)
        {
            return false;
        }

        Status = status;
        StatusChangedAt = now;
        IncrementVersion();
        return true;
    }

    internal void MarkFailed(RefundStatus status, string? failureReason, DateTimeOffset now)
    {
        Status = status;
        FailureReason = failureReason is { Length: > 500 } ? failureReason[..500] : failureReason;
        StatusChangedAt = now;
        IncrementVersion();
    }
}
