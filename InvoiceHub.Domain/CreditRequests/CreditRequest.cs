using InvoiceHub.Domain.Clients;
using InvoiceHub.Domain.Common;
using InvoiceHub.Domain.Payables;
using InvoiceHub.Domain.Payments;

namespace InvoiceHub.Domain.CreditRequests;

/// <summary>
/// A request that the client tops up their balance (a proforma invoice). Open → Paid when a payment
/// covering it is recorded through <see cref="Credit.CreditRules.RecordCreditRequestPayment"/>, or
/// Open → Cancelled.
/// </summary>
public sealed class CreditRequest : AggregateRoot, IPayableDocument
{
    public const int MaxDescriptionLength = 500;

    private CreditRequest()
    {
        Description = string.Empty;
        Currency = null!;
    }

    private CreditRequest(int clientId, Money amount, string description, DateOnly? dueDate, DateTimeOffset now)
    {
        ClientId = clientId;
        Currency = amount.Currency;
        AmountMinor = amount.Minor;
        Description = description;
        DueDate = dueDate;
        CreatedAt = now;
        Status = CreditRequestStatus.Open;
    }

    public int ClientId { get; private set; }

    public Currency Currency { get; private set; }

    public long AmountMinor { get; private set; }

    public Money Amount => new(AmountMinor, Currency);

    public string Description { get; private set; }

    public DateOnly? DueDate { get; private set; }

    public CreditRequestStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public int? PaymentId { get; private set; }

    /// <summary>The payment that paid the request.</summary>
    public Payment? Payment { get; private set; }

    public PayableKind Kind => PayableKind.CreditRequest;

    public DocumentKind RecordKind => DocumentKind.CreditRequest;

    /// <summary><c>CR-19</c>: credit requests are numbered by their id.</summary>
    public string Reference => NumberFor(Id);

    public Money StillToPay => new(Status == CreditRequestStatus.Open ? AmountMinor : 0, Currency);

    public string StatusName => Status.ToString();

    public bool IsPayable => Status == CreditRequestStatus.Open;

    public bool AcceptsPartialPayment => false;

    public bool IsIssued => true;

    public Money Total => Amount;

    public IReadOnlyList<PayableLine> PayableLines() => [new PayableLine(Description, 1m, AmountMinor, 0m, AmountMinor)];

    /// <summary>The number of the credit request with this id, for lists and emails that read only the id.</summary>
    public static string NumberFor(int id) => "CR-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void ClaimForOnlinePayment(DateTimeOffset now)
    {
        PayableRules.EnsurePayable(this);
        IncrementVersion();
        Raise(new RecordChanged(this, "claimed for an online payment", now));
    }

    public static CreditRequest Create(Client client, Money amount, string description, DateOnly? dueDate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.EnsureCurrency(amount);
        if (!amount.IsPositive)
        {
            throw new DomainException(ErrorCodes.InvalidAmount, "A credit request must be for more than zero.", "amount");
        }

        var trimmed = description?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxDescriptionLength)
        {
            throw new DomainException(
                ErrorCodes.InvalidDescription,
                $"Describe the credit request in 1 to {MaxDescriptionLength} characters.",
                "description");
        }

        var request = new CreditRequest(client.Id, amount, trimmed, dueDate, now);
        request.Raise(new RecordChanged(request, "created", now));
        return request;
    }

    public bool IsOverdue(DateOnly today) => Status == CreditRequestStatus.Open && DueDate is { } due && today > due;

    public void Cancel(DateTimeOffset now)
    {
        EnsureOpen();
        Status = CreditRequestStatus.Cancelled;
        CancelledAt = now;
        IncrementVersion();
        Raise(new CreditRequestCancelled(this, now));
    }

    internal void EnsureOpen()
    {
        if (Status != CreditRequestStatus.Open)
        {
            throw new DomainException(
                ErrorCodes.CreditRequestNotOpen,
                $"The credit request is {Status}; only open credit requests can be paid or cancelled.");
        }
    }

    /// <summary>The payment that paid the request was charged back: it is Open (payable) again.</summary>
    internal void ReopenAfterChargeback(DateTimeOffset now)
    {
        Status = CreditRequestStatus.Open;
        PaidAt = null;
        Payment = null;
        PaymentId = null;
        IncrementVersion();
        Raise(new RecordChanged(this, "charged back", now));
    }

    internal void MarkPaid(Payment payment, DateTimeOffset now)
    {
        EnsureOpen();
        Status = CreditRequestStatus.Paid;
        PaidAt = now;
        Payment = payment;
        PaymentId = payment.Id > 0 ? payment.Id : null;
        IncrementVersion();
        Raise(new CreditRequestPaid(this, payment, Amount, now));
    }
}
