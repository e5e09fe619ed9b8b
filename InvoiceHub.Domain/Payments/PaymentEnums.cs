namespace InvoiceHub.Domain.Payments;

public enum PaymentMethod
{
    Card,
    BankTransfer,
    DirectDebit,
    Ideal,
    PayPal,
    Cash,
    Cheque,
    Balance,
    Other,
}

public enum PaymentProvider
{
    Mollie,
    WireTransfer,
    Offline,
    Balance,
}

/// <summary>Mollie's payment statuses, plus Refunded and ChargedBack for money that went back after being paid.</summary>
public enum PaymentStatus
{
    Open,
    Pending,
    Authorized,
    Paid,
    Failed,
    Canceled,
    Expired,
    Refunded,
    ChargedBack,
}

public enum PaymentInitiator
{
    Client,
    Staff,
    AutoCharge,
}
