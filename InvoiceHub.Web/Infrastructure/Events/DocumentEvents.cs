namespace InvoiceHub.Web.Infrastructure.Events;

public enum DocumentKind
{
    Invoice,
    CreditRequest,
    Client,
}

/// <summary>Something about a document (or a client's balance) changed and was committed.</summary>
public sealed record DocumentChanged(DocumentKind Kind, int Id, int ClientId);

/// <summary>
/// In-process notifications after a money transaction commits, so open pages (dashboard, payment link,
/// staff invoice page) can refresh themselves. Subscribers must be quick and must not throw.
/// </summary>
public sealed class DocumentEvents(ILogger<DocumentEvents> logger)
{
    public event Action<DocumentChanged>? Changed;

    public void Publish(IEnumerable<DocumentChanged> changes)
    {
        foreach (var change in changes.Distinct())
        {
            try
            {
                Changed?.Invoke(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A subscriber failed on {Kind} {Id}", change.Kind, change.Id);
            }
        }
    }
}
