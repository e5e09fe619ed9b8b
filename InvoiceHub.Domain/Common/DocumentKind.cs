namespace InvoiceHub.Domain.Common;

/// <summary>What an <see cref="IClientRecord"/> is: one of the client's documents, or the client (its balance and details).</summary>
public enum DocumentKind
{
    Invoice,
    CreditRequest,
    Client,
}

/// <summary>
/// An aggregate that belongs to one client and whose changes that client's open pages (and staff pages) show. The unit
/// of work turns the events such an aggregate raised into one live update after commit.
/// </summary>
public interface IClientRecord
{
    DocumentKind RecordKind { get; }

    int Id { get; }

    int ClientId { get; }
}
