namespace InvoiceHub.Domain.CreditRequests;

public enum CreditRequestStatus
{
    Open,
    Paid,
    Cancelled,
}
