using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.CreditRequests;
using InvoiceHub.Domain.Invoices;
using InvoiceHub.Domain.Payables;
using System.Linq.Expressions;

namespace InvoiceHub.Domain.Payments;

/// <summary>
/// Money received or attempted. The status follows Mollie's life cycle; <see cref="ApplyStatus"/> is
/// idempotent so that repeated webhooks change nothing. Once paid, the money is put to work exactly once
/// by <see cref="Credit.CreditRules"/> (see <see cref="RecordedAt"/>).
/// </summary>
public sealed class Payment : AggregateRoot
{
    public const int MaxReferenceLength = 200;

    private static readonly Dictionary<PaymentStatus, PaymentStatus[]> Transitions = new()
    {
        [PaymentStatus.Open] =
        [
            PaymentStatus.Pending, PaymentStatus.Authorized, PaymentStatus.Paid,
            PaymentStatus.Canceled, PaymentStatus.Expired, PaymentStatus.Failed,
        ],
        [PaymentStatus.Pending] = [PaymentStatus.Paid, PaymentStatus.Authorized, PaymentStatus.Failed],
        [PaymentStatus.Authorized] = [PaymentStatus.Paid, PaymentStatus.Canceled, PaymentStatus.Expired],
        [PaymentStatus.Paid] = [PaymentStatus.Refunded, PaymentStatus.ChargedBack],
    };

    private Payment()
    {
        Currency = null!;
    }

    private Payment(
        int clientId,
        Money amount,
        PaymentMethod method,
        PaymentProvider provider,
        PaymentInitiator initiatedBy,
        string? reference,
        DateTimeOffset now)
    {
        if (!amount.IsPositive)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "A payment must be for more than zero.", "amount");
        }

        var trimmed = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
        if (trimmed is { Length: > MaxReferenceLength })
        {
            throw new DomainException(ErrorCodes.InvalidReference, $"The reference is longer than {MaxReferenceLength} characters.", "reference");
        }

        ClientId = clientId;
        Currency = amount.Currency;
        AmountMinor = amount.Minor;
        Method = method;
        Provider = provider;
        InitiatedBy = initiatedBy;
        Reference = trimmed;
        CreatedAt = now;
        StatusChangedAt = now;
        Status = PaymentStatus.Open;
    }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    public long AmountMinor { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    public PaymentMethod Method { get; private set; }

    public PaymentProvider Provider { get; private set; }

    /// <summary>The provider's id, e.g. Mollie's <c>tr_…</c>.</summary>
    public string? ProviderPaymentId { get; private set; }

    public PaymentStatus Status { get; private set; }

    public PaymentInitiator InitiatedBy { get; private set; }

    /// <summary>Cheque number, bank transfer reference, ….</summary>
    public string? Reference { get; private set; }

    /// <summary>The day the money arrived.</summary>
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>The document the payment was started for, if any (a payment may also cover several).</summary>
    public int? InvoiceId { get; private set; }

    public Invoice? Invoice { get; private set; }

    public int? CreditRequestId { get; private set; }

    public CreditRequest? CreditRequest { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>When the paid amount was allocated to documents and/or the balance; set once.</summary>
    public DateTimeOffset? RecordedAt { get; private set; }

    public bool IsRecorded => RecordedAt is not null;

    /// <summary>What active refunds (to the payer or the balance) have taken back from this payment.</summary>
    public long RefundedMinor { get; private set; }

    /// <summary>What chargebacks not reversed have taken back from this payment.</summary>
    public long ChargedBackMinor { get; private set; }

    /// <summary>What may still be refunded: recorded paid money not yet refunded.</summary>
    public long RefundableMinor => IsRecorded && Status is PaymentStatus.Paid or PaymentStatus.Refunded ? AmountMinor - RefundedMinor : 0;

    /// <summary>An online payment, Open until the provider reports otherwise.</summary>
    public static Payment Start(
        Client client,
        Money amount,
        PaymentMethod method,
        PaymentProvider provider,
        PaymentInitiator initiatedBy,
        DateTimeOffset now,
        string? reference = null,
        Invoice? forInvoice = null,
        CreditRequest? forCreditRequest = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.EnsureCurrency(amount);
        var payment = new Payment(client.Id, amount, method, provider, initiatedBy, reference, now);
        payment.Target(forInvoice, forCreditRequest);
        return payment;
    }

    /// <summary>An online payment of (part of) one payable document.</summary>
    public static Payment StartFor(
        Client client,
        IPayableDocument document,
        Money amount,
        PaymentMethod method,
        PaymentProvider provider,
        PaymentInitiator initiatedBy,
        DateTimeOffset now) =>
        Start(client, amount, method, provider, initiatedBy, now, forInvoice: document as Invoice, forCreditRequest: document as CreditRequest);

    /// <summary>The payments started for one document (a query over the stored payments).</summary>
    public static Expression<Func<Payment, bool>> IsFor(PayableKind kind, int documentId) =>
        kind == PayableKind.Invoice ? p => p.InvoiceId == documentId : p => p.CreditRequestId == documentId;

    /// <summary>The payments started for any of several documents of one kind.</summary>
    public static Expression<Func<Payment, bool>> IsForAny(PayableKind kind, int[] documentIds) =>
        kind == PayableKind.Invoice ? p => documentIds.Contains(p.InvoiceId!.Value) : p => documentIds.Contains(p.CreditRequestId!.Value);

    /// <summary>The document the payment was started for, if it was started for one.</summary>
    public (PayableKind Kind, int Id)? StartedFor() =>
        InvoiceId is { } invoiceId ? (PayableKind.Invoice, invoiceId)
        : CreditRequestId is { } requestId ? (PayableKind.CreditRequest, requestId)
        : null;

    /// <summary>
    /// Money staff received outside the payment providers (cash, cheque, a bank transfer seen on the
    /// statement); created Paid. Put it to work with <see cref="Credit.CreditRules.RecordPayment"/>.
    /// </summary>
    public static Payment RecordOffline(
        Client client,
        Money amount,
        PaymentMethod method,
        DateOnly receivedOn,
        DateTimeOffset now,
        string? reference = null,
        Invoice? forInvoice = null,
        CreditRequest? forCreditRequest = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (method is not (PaymentMethod.Cash or PaymentMethod.Cheque or PaymentMethod.BankTransfer))
        {
            throw new DomainException(
                ErrorCodes.InvalidOfflineMethod,
                "Offline payments are cash, cheque or bank transfer.",
                "method");
        }

        client.EnsureCurrency(amount);
        var provider = method == PaymentMethod.BankTransfer ? PaymentProvider.WireTransfer : PaymentProvider.Offline;
        var payment = new Payment(client.Id, amount, method, provider, PaymentInitiator.Staff, reference, now);
        payment.Target(forInvoice, forCreditRequest);
        payment.Status = PaymentStatus.Paid;
        payment.PaidAt = now;
        payment.ReceivedOn = receivedOn;
        payment.Raise(new PaymentStatusChanged(payment, null, PaymentStatus.Paid, now));
        return payment;
    }

    public static bool IsLegalTransition(PaymentStatus from, PaymentStatus to) =>
        Transitions.TryGetValue(from, out var targets) && targets.Contains(to);

    public bool CanChangeTo(PaymentStatus status) => status == Status || IsLegalTransition(Status, status);

    public void AssignProviderId(string providerPaymentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerPaymentId);
        if (ProviderPaymentId == providerPaymentId)
        {
            return;
        }

        if (ProviderPaymentId is not null)
        {
            throw new DomainException(
                ErrorCodes.ProviderIdAlreadySet,
                $"The payment is already linked to {ProviderPaymentId} at {Provider}.");
        }

        ProviderPaymentId = providerPaymentId;
        IncrementVersion();
    }

    /// <summary>
    /// Moves to the status the provider reports. Returns false when the payment already has it (a repeated
    /// webhook); throws <c>invalid_payment_transition</c> for a move Mollie never makes.
    /// </summary>
    public bool ApplyStatus(PaymentStatus status, DateTimeOffset now)
    {
        if (status == Status)
        {
            return false;
        }

        if (!IsLegalTransition(Status, status))
        {
            throw new DomainException(
                ErrorCodes.InvalidPaymentTransition,
                $"A {Status} payment cannot become {status}.",
                "status");
        }

        var from = Status;
        Status = status;
        StatusChangedAt = now;
        if (status == PaymentStatus.Paid)
        {
            PaidAt = now;
            ReceivedOn ??= DateOnly.FromDateTime(now.DateTime);
        }

        IncrementVersion();
        Raise(new PaymentStatusChanged(this, from, status, now));
        return true;
    }

    internal void EnsureRecordable()
    {
        if (Status != PaymentStatus.Paid)
        {
            throw new DomainException(ErrorCodes.PaymentNotPaid, $"The payment is {Status}; only paid payments can be recorded.");
        }

        if (IsRecorded)
        {
            throw new DomainException(ErrorCodes.PaymentAlreadyRecorded, "This payment has already been recorded.");
        }
    }

    internal void MarkRecorded(DateTimeOffset now)
    {
        RecordedAt = now;
        IncrementVersion();
    }

    /// <summary>Counts a refund against the payment; fully refunded, it becomes Refunded.</summary>
    internal void AddRefund(long amountMinor, DateTimeOffset now)
    {
        if (!IsRecorded || Status is not (PaymentStatus.Paid or PaymentStatus.Refunded))
        {
            throw new DomainException(ErrorCodes.PaymentNotPaid, $"The payment is {Status}; only paid payments can be refunded.");
        }

        if (amountMinor <= 0 || amountMinor > RefundableMinor)
        {
            throw new DomainException(
                ErrorCodes.RefundExceedsPaid,
                $"Enter an amount from {new Money(1, Currency)} up to {new Money(RefundableMinor, Currency)}: " +
                $"the payment was {Amount} and {new Money(RefundedMinor, Currency)} of it is already refunded.",
                "amount");
        }

        RefundedMinor += amountMinor;
        IncrementVersion();
        if (RefundedMinor == AmountMinor)
        {
            SetRefundStatus(PaymentStatus.Refunded, now);
        }
    }

    /// <summary>Counts a chargeback against the payment; a Paid payment becomes ChargedBack.</summary>
    internal void AddChargeback(long amountMinor, DateTimeOffset now)
    {
        if (!IsRecorded || Provider != PaymentProvider.Mollie || Status is not (PaymentStatus.Paid or PaymentStatus.Refunded or PaymentStatus.ChargedBack))
        {
            throw new DomainException(ErrorCodes.ChargebackNotPossible, $"The payment is {Status}; only recorded Mollie payments can be charged back.");
        }

        if (amountMinor <= 0 || amountMinor > AmountMinor - ChargedBackMinor)
        {
            throw new DomainException(
                ErrorCodes.ChargebackNotPossible,
                $"A chargeback of {new Money(amountMinor, Currency).ToDecimalString()} exceeds what is left of the payment of {Amount.ToDecimalString()} {Currency.Code}.",
                "amount");
        }

        ChargedBackMinor += amountMinor;
        IncrementVersion();
        if (Status == PaymentStatus.Paid)
        {
            SetRefundStatus(PaymentStatus.ChargedBack, now);
        }
    }

    /// <summary>A chargeback was reversed: its amount counts no more; with none left the payment is Paid again.</summary>
    internal void ReleaseChargeback(long amountMinor, DateTimeOffset now)
    {
        ChargedBackMinor -= Math.Min(amountMinor, ChargedBackMinor);
        IncrementVersion();
        if (Status == PaymentStatus.ChargedBack && ChargedBackMinor == 0)
        {
            SetRefundStatus(PaymentStatus.Paid, now);
        }
    }

    /// <summary>A refund failed: its amount counts no more, and a Refunded payment is Paid again.</summary>
    internal void ReleaseRefund(long amountMinor, DateTimeOffset now)
    {
        RefundedMinor -= Math.Min(amountMinor, RefundedMinor);
        IncrementVersion();
        if (Status == PaymentStatus.Refunded && RefundedMinor < AmountMinor)
        {
            SetRefundStatus(ChargedBackMinor > 0 ? PaymentStatus.ChargedBack : PaymentStatus.Paid, now);
        }
    }

    private void SetRefundStatus(PaymentStatus status, DateTimeOffset now)
    {
        var from = Status;
        Status = status;
        StatusChangedAt = now;
        Raise(new PaymentStatusChanged(this, from, status, now));
    }

    private void Target(Invoice? invoice, CreditRequest? creditRequest)
    {
        Invoice = invoice;
        InvoiceId = invoice is { Id: > 0 } ? invoice.Id : null;
        CreditRequest = creditRequest;
        CreditRequestId = creditRequest is { Id: > 0 } ? creditRequest.Id : null;
    }
}
