namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>
/// Turns a committed operation's events into live updates: one <see cref="DocumentChanged"/> per client record that
/// raised an event (or that a <see cref="RecordChanged"/> names), published to this node's pages that listen and sent
/// to the other nodes of a shared database (<see cref="NodeLiveUpdates"/>).
/// </summary>
public sealed class LiveUpdates(DocumentEvents events, NodeLiveUpdates nodes) : IAfterCommitHandler
{
    // Other nodes may have listeners even when this one has none.
    public bool IsListening => nodes.Relays || events.HasListeners;

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
        List<DocumentChanged> changes = [.. records.Select(r => new DocumentChanged(r.RecordKind, r.Id, r.ClientId)).Distinct()];
        events.Publish(changes);
        nodes.Send(changes);
    }
}
