namespace InvoiceHub.Domain.Invoices;

public enum InvoiceStatus
{
    Draft,
    Open,
    Paid,
    Void,
}
