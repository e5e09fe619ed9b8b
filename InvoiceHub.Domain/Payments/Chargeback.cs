using InvoiceHub.Domain.Common;

namespace InvoiceHub.Domain.Payments;

/// <summary>
/// Money of a paid payment that the payer's bank took back (a card dispute, a SEPA direct debit reversal), as Mollie
/// reported it (<c>chb_…</c>). Made by <see cref="Credit.ChargebackRules.ChargeBack"/>, which takes it off what the payment
/// settled in the same transaction; <see cref="Credit.ChargebackRules.Reverse"/> gives it back when Mollie reverses it
/// (docs/decisions/0021).
/// </summary>
public sealed class Chargeback : AggregateRoot
{
    public const int MaxProviderIdLength = 64;
    public const int MaxReasonLength = 300;

    private Chargeback()
    {
        Currency = null!;
        ProviderChargebackId = string.Empty;
    }

    private Chargeback(Payment payment, string providerChargebackId, long amountMinor, string? reason, DateTimeOffset chargedBackAt, DateTimeOffset now)
    {
        Payment = payment;
        PaymentId = payment.Id;
        ClientId = payment.ClientId;
        Currency = payment.Currency;
        ProviderChargebackId = providerChargebackId;
        AmountMinor = amountMinor;
        Reason = reason is { Length: > MaxReasonLength } ? reason[..MaxReasonLength] : reason;
        ChargedBackAt = chargedBackAt;
        RecordedAt = now;
    }

    public int PaymentId { get; private set; }

    public Payment? Payment { get; private set; }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    /// <summary>Mollie's <c>chb_…</c>; unique, so a repeated webhook never records the same chargeback twice.</summary>
    public string ProviderChargebackId { get; private set; }

    /// <summary>What the bank took back.</summary>
    public long AmountMinor { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    /// <summary>The bank's reason (<c>MD06: Refund request by end customer</c>).</summary>
    public string? Reason { get; private set; }

    /// <summary>When Mollie received the chargeback.</summary>
    public DateTimeOffset ChargedBackAt { get; private set; }

    /// <summary>When InvoiceHub took it off the documents and the balance.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>What it debited from the balance (the payment's credit, including credit taken back off invoices).</summary>
    public long FromBalanceMinor { get; private set; }

    /// <summary>What it could not take because the payment no longer held it (refunded to the payer before): staff must recover it.</summary>
    public long ShortfallMinor { get; private set; }

    /// <summary>Whether it put the payment's credit request back to Open.</summary>
    public bool ReopenedCreditRequest { get; private set; }

    public DateTimeOffset? ReversedAt { get; private set; }

    public bool IsReversed => ReversedAt is not null;

    /// <summary>What it took from the client's account: the balance and the payment's invoices.</summary>
    public long TakenMinor => AmountMinor - ShortfallMinor;

    internal static Chargeback Create(Payment payment, string providerChargebackId, long amountMinor, string? reason, DateTimeOffset chargedBackAt, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerChargebackId);
        if (providerChargebackId.Length > MaxProviderIdLength)
        {
            throw new DomainException(ErrorCodes.InvalidReference, $"A chargeback id is at most {MaxProviderIdLength} characters.", "id");
        }

        return new Chargeback(payment, providerChargebackId, amountMinor, reason, chargedBackAt, now);
    }

    internal void Took(long fromBalanceMinor, long shortfallMinor, bool reopenedCreditRequest)
    {
        FromBalanceMinor = fromBalanceMinor;
        ShortfallMinor = shortfallMinor;
        ReopenedCreditRequest = reopenedCreditRequest;
        IncrementVersion();
    }

    internal void MarkReversed(DateTimeOffset now)
    {
        ReversedAt = now;
        IncrementVersion();
    }
}
