using System.Globalization;

namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>A committed change as one node tells the others: who committed it and which document (never amounts or names).</summary>
public sealed record NodeMessage(string Origin, DocumentChanged Change)
{
    /// <summary><c>origin|kind|id|clientId</c>: short enough for any notification payload, and nothing a person reads.</summary>
    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}|{(int)Change.Kind}|{Change.Id}|{Change.ClientId}");

    public static NodeMessage? Decode(string payload)
    {
        var parts = payload.Split('|');
        return parts.Length == 4
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind)
               && Enum.IsDefined((DocumentKind)kind)
               && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
               && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var clientId)
            ? new NodeMessage(parts[0], new DocumentChanged((DocumentKind)kind, id, clientId))
            : null;
    }
}

/// <summary>
/// How the nodes sharing one database tell each other about committed changes: PostgreSQL's LISTEN/NOTIFY, a polled
/// table on SQL Server (docs/decisions/0022). A database with one node (SQLite) has none. The dialect creates it
/// (<c>DatabaseDialect.CreateNodeRelay</c>), so only <c>Data/Dialects</c> knows which database it is.
/// </summary>
public abstract class NodeRelay
{
    /// <summary>Tells every node, this one included, about changes this node committed.</summary>
    public abstract Task SendAsync(IReadOnlyList<NodeMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Listens on a connection of its own until <paramref name="cancellationToken"/> fires or the connection is lost
    /// (then it throws): <paramref name="connected"/> once it listens, <paramref name="received"/> for every message.
    /// </summary>
    public abstract Task ListenAsync(Action connected, Action<NodeMessage> received, CancellationToken cancellationToken);
}
