namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>Something about a document (or a client's balance) changed and was committed.</summary>
public sealed record DocumentChanged(DocumentKind Kind, int Id, int ClientId)
{
    /// <summary>
    /// A resync rather than one change: this node may have missed changes from other nodes (its notification
    /// connection was lost and is back), so every open page reloads once.
    /// </summary>
    public static readonly DocumentChanged Resync = new(default, 0, 0) { IsResync = true };

    public bool IsResync { get; private init; }

    /// <summary>Whether a page showing <paramref name="clientId"/>'s documents should reload.</summary>
    public bool Concerns(int clientId) => IsResync || ClientId == clientId;
}

/// <summary>
/// In-process notifications after a money transaction commits, so open pages (dashboard, payment link,
/// staff invoice page) can refresh themselves. Staff pages hear every change (<see cref="Changed"/>); a client's
/// pages subscribe to their own client (<see cref="Subscribe"/>) and are never called for another client's
/// documents. Subscribers must be quick and must not throw. Changes committed on other nodes of a shared database arrive
/// here too, through <see cref="NodeLiveUpdates"/>; a client's subscription also hears a <see cref="DocumentChanged.Resync"/>,
/// which names no document and no client.
/// </summary>
public sealed class DocumentEvents(ILogger<DocumentEvents> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Action<DocumentChanged>> _byClient = [];

    public event Action<DocumentChanged>? Changed;

    /// <summary>Calls <paramref name="handler"/> for changes of <paramref name="clientId"/>'s documents only, until disposed.</summary>
    public IDisposable Subscribe(int clientId, Action<DocumentChanged> handler)
    {
        lock (_gate)
        {
            _byClient[clientId] = (Action<DocumentChanged>)Delegate.Combine(_byClient.GetValueOrDefault(clientId), handler);
        }
        return new Subscription(() =>
        {
            lock (_gate)
            {
                if (Delegate.Remove(_byClient[clientId], handler) is Action<DocumentChanged> rest)
                {
                    _byClient[clientId] = rest;
                }
                else
                {
                    _byClient.Remove(clientId);
                }
            }
        });
    }

    /// <summary>Whether any page listens at all; when none does, a committed transaction need not collect its changes.</summary>
    public bool HasListeners
    {
        get
        {
            lock (_gate)
            {
                return Changed is not null || _byClient.Count > 0;
            }
        }
    }

    public void Publish(IEnumerable<DocumentChanged> changes)
    {
        foreach (var change in changes.Distinct())
        {
            Action<DocumentChanged>? clientHandlers;
            lock (_gate)
            {
                clientHandlers = _byClient.GetValueOrDefault(change.ClientId);
            }
            Deliver(change, (Changed?.GetInvocationList() ?? []).Concat(clientHandlers?.GetInvocationList() ?? []));
        }
    }

    /// <summary>Tells every open page, staff and clients alike, to reload once (<see cref="DocumentChanged.Resync"/>).</summary>
    public void PublishResync()
    {
        Delegate[] clientHandlers;
        lock (_gate)
        {
            clientHandlers = [.. _byClient.Values.SelectMany(h => h.GetInvocationList())];
        }
        Deliver(DocumentChanged.Resync, (Changed?.GetInvocationList() ?? []).Concat(clientHandlers));
    }

    private void Deliver(DocumentChanged change, IEnumerable<Delegate> handlers)
    {
        foreach (var handler in handlers)
        {
            try
            {
                ((Action<DocumentChanged>)handler)(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A subscriber failed on {Kind} {Id}", change.Kind, change.Id);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
