using InvoiceHub.Web.Data;

namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>A domain event and the entity that raised it (its id is read after the save, so new rows have theirs).</summary>
public readonly record struct RaisedEvent(Entity Source, IDomainEvent Event);

/// <summary>
/// Reacts to a money operation's events inside its transaction, for writes that must commit with the change or not at
/// all (e.g. queueing the email a change causes). Runs after the operation's changes are saved, so new rows have their
/// ids; what it adds to the context is saved before the commit, and an exception rolls the whole operation back.
/// Events raised by its own writes go to the after-commit handlers only.
/// </summary>
public interface IBeforeCommitHandler
{
    Task HandleAsync(InvoiceHubDbContext db, IReadOnlyList<RaisedEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Reacts to a money operation's events after its commit (live updates). The change is final by then, so a failure
/// is logged and never reaches the caller.
/// </summary>
public interface IAfterCommitHandler
{
    /// <summary>Whether the handler has anyone to tell now; when no handler has, the events are not even collected.</summary>
    bool IsListening { get; }

    void Handle(IReadOnlyList<RaisedEvent> events);
}
