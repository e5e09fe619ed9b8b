namespace InvoiceHub.Domain.PaymentProviders;

/// <summary>Which Mollie customer (<c>cst_…</c>) a client is; their mandates are read from Mollie, never copied.</summary>
public sealed class MollieCustomerLink
{
    private MollieCustomerLink()
    {
        CustomerId = "";
    }

    public MollieCustomerLink(int clientId, string customerId, DateTimeOffset now)
    {
        ClientId = clientId;
        CustomerId = customerId;
        CreatedAt = now;
    }

    public int ClientId { get; private set; }

    public string CustomerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
