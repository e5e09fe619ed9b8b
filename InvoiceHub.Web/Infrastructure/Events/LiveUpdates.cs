namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>
/// Turns a committed operation's events into live updates: one <see cref="DocumentChanged"/> per client record that
/// raised an event (or that a <see cref="RecordChanged"/> names), published to the pages that listen.
/// </summary>
public sealed class LiveUpdates(DocumentEvents events) : IAfterCommitHandler
{
    public bool IsListening => events.HasListeners;

    public void Handle(IReadOnlyList<RaisedEvent> raised)
    {
        var records = new HashSet<IClientRecord>(ReferenceEqualityComparer.Instance);
        foreach (var (source, domainEvent) in raised)
        {
            if (source is IClientRecord record)
            {
                records.Add(record);
            }
            if (domainEvent is RecordChanged changed)
            {
                records.Add(changed.Record);
            }
        }
        // Read now, after the save: a record inserted by the operation has its id.
        events.Publish(records.Select(r => new DocumentChanged(r.RecordKind, r.Id, r.ClientId)));
    }
}
