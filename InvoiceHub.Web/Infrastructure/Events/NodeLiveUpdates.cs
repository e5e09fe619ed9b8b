using System.Threading.Channels;

namespace InvoiceHub.Web.Infrastructure.Events;

/// <summary>
/// Live updates across the nodes of a shared database (docs/decisions/0022). A change committed here reaches this
/// node's pages at once through <see cref="DocumentEvents"/> (<see cref="LiveUpdates"/>) and is sent to every node
/// through the <see cref="NodeRelay"/>; messages that come back with this node's own origin are skipped, so each page
/// hears a change once. When the listening connection is lost, the node reconnects with a growing pause and then tells
/// its open pages to reload once (<see cref="DocumentEvents.PublishResync"/>): what it missed meanwhile is shown, never
/// silently dropped. Without a relay (SQLite: one node) this does nothing.
/// </summary>
public sealed class NodeLiveUpdates(NodeRelay? relay, DocumentEvents events, ILogger<NodeLiveUpdates> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(15);

    // Bounded so a database that is gone for long cannot fill the memory; the other nodes resync when it is back.
    private readonly Channel<IReadOnlyList<NodeMessage>> _outgoing = Channel.CreateBounded<IReadOnlyList<NodeMessage>>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>This process among the nodes: new on every start, so a restarted node never skips another's messages.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Whether changes leave this node (there are other nodes to tell).</summary>
    public bool Relays => relay is not null;

    /// <summary>How many times the listening connection came back after being lost (for health and tests).</summary>
    public int Reconnects => _reconnects;

    private int _reconnects;

    /// <summary>Queues changes committed on this node for the other nodes; never waits for the database.</summary>
    public void Send(IReadOnlyList<DocumentChanged> changes)
    {
        if (relay is not null && changes.Count > 0)
        {
            _outgoing.Writer.TryWrite([.. changes.Select(c => new NodeMessage(NodeId, c))]);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        relay is null ? Task.CompletedTask : Task.WhenAll(SendLoopAsync(relay, stoppingToken), ListenLoopAsync(relay, stoppingToken));

    private async Task SendLoopAsync(NodeRelay nodes, CancellationToken stoppingToken)
    {
        await foreach (var messages in _outgoing.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await nodes.SendAsync(messages, stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
                {
                    logger.LogWarning(ex, "Telling the other nodes about {Count} changes failed; trying again", messages.Count);
                    await Task.Delay(FirstPause * attempt, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is unreachable for the other nodes too: they lose their listening connection and
                    // resync their pages when it is back.
                    logger.LogError(ex, "The other nodes were not told about {Count} changes", messages.Count);
                    break;
                }
            }
        }
    }

    private async Task ListenLoopAsync(NodeRelay nodes, CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await nodes.ListenAsync(
                    connected: () =>
                    {
                        pause = FirstPause;
                        if (lost)
                        {
                            lost = false;
                            Interlocked.Increment(ref _reconnects);
                            logger.LogInformation("Listening to the other nodes again; open pages reload once");
                            events.PublishResync();
                        }
                    },
                    received: Receive,
                    stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                lost = true;
                logger.LogWarning(ex, "Lost the connection that hears the other nodes; reconnecting in {Pause}", pause);
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private void Receive(NodeMessage message)
    {
        // This node's own changes reached its pages when they committed.
        if (message.Origin != NodeId)
        {
            events.Publish([message.Change]);
        }
    }
}
