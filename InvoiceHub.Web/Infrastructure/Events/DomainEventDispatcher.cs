using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>
/// The unit of work's side of domain events (as dotnet/eShop's Ordering dispatches them): after the operation, the
/// events of the tracked entities are taken off them, handed to the before-commit handlers inside the transaction and
/// to the after-commit handlers once it has committed. A failed attempt's events are dropped, so a retry starts clean.
/// </summary>
public sealed class DomainEventDispatcher(
    IEnumerable<IBeforeCommitHandler> beforeCommit,
    IEnumerable<IAfterCommitHandler> afterCommit,
    ILogger<DomainEventDispatcher> logger)
{
    private readonly IBeforeCommitHandler[] _beforeCommit = [.. beforeCommit];
    private readonly IAfterCommitHandler[] _afterCommit = [.. afterCommit];

    /// <summary>Whether any handler would receive events now; when none would, collecting them is skipped (it costs a change-tracker scan).</summary>
    public bool IsWanted => _beforeCommit.Length > 0 || _afterCommit.Any(h => h.IsListening);

    /// <summary>Takes the events off every tracked entity, including ones about to be deleted; call before saving.</summary>
    public static List<RaisedEvent> Collect(InvoiceHubDbContext db)
    {
        var raised = new List<RaisedEvent>();
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            var entity = entry.Entity;
            if (entity.DomainEvents.Count == 0)
            {
                continue;
            }
            foreach (var domainEvent in entity.DomainEvents)
            {
                raised.Add(new RaisedEvent(entity, domainEvent));
            }
            entity.ClearDomainEvents();
        }
        return raised;
    }

    /// <summary>Drops the events of a failed attempt, so an entity the operation keeps across attempts does not raise them twice.</summary>
    public static void Discard(InvoiceHubDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<Entity>())
        {
            entry.Entity.ClearDomainEvents();
        }
    }

    /// <summary>
    /// Runs the before-commit handlers on the saved change and saves what they add; the events their writes raise are
    /// added to <paramref name="raised"/> for the after-commit handlers.
    /// </summary>
    public async Task BeforeCommitAsync(InvoiceHubDbContext db, List<RaisedEvent> raised, CancellationToken cancellationToken)
    {
        if (_beforeCommit.Length == 0 || raised.Count == 0)
        {
            return;
        }
        foreach (var handler in _beforeCommit)
        {
            await handler.HandleAsync(db, raised, cancellationToken);
        }
        raised.AddRange(Collect(db));
        await db.SaveChangesAsync(cancellationToken);
    }

    public void AfterCommit(IReadOnlyList<RaisedEvent> raised)
    {
        if (raised.Count == 0)
        {
            return;
        }
        foreach (var handler in _afterCommit)
        {
            try
            {
                handler.Handle(raised);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "{Handler} failed after a commit; the change itself is saved", handler.GetType().Name);
            }
        }
    }
}
