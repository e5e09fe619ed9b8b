using InvoiceHub.Tests.Infrastructure;
using InvoiceHub.Web.Data;
using InvoiceHub.Web.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvoiceHub.Tests.Nodes;

/// <summary>
/// One node's side of PostgreSQL LISTEN/NOTIFY (docs/decisions/0022), against a real server: another node's
/// notification reaches this node's pages, this node's own come back and are skipped, and a listening connection that
/// the server cuts is re-established and followed by one resync of the open pages.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NodeLiveUpdatesTests(PostgresServer postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [RequiresPostgresFact]
    public async Task Another_nodes_change_reaches_this_nodes_pages_and_its_own_notifications_are_skipped()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres });
        var nodes = app.Services.GetRequiredService<NodeLiveUpdates>();
        var heard = new Heard();
        app.Services.GetRequiredService<DocumentEvents>().Changed += heard.Add;
        await WaitUntilListeningAsync(app);

        await NotifyAsync(app, new NodeMessage(nodes.NodeId, new DocumentChanged(DocumentKind.Invoice, 41, 7)));
        await NotifyAsync(app, new NodeMessage("another-node", new DocumentChanged(DocumentKind.Invoice, 42, 7)));

        await heard.WaitForAsync(c => c.Id == 42, "the other node's change");
        Assert.DoesNotContain(heard.All, c => c.Id == 41);
        Assert.Equal(new DocumentChanged(DocumentKind.Invoice, 42, 7), heard.All.Single());
    }

    [RequiresPostgresFact]
    public async Task A_lost_listening_connection_comes_back_and_open_pages_reload_once()
    {
        await using var app = await InvoiceHubFactory.CreateAsync(new InvoiceHubOptions { Provider = DatabaseProvider.Postgres, Postgres = postgres });
        var nodes = app.Services.GetRequiredService<NodeLiveUpdates>();
        var heard = new Heard();
        var events = app.Services.GetRequiredService<DocumentEvents>();
        events.Changed += heard.Add;
        using var client = events.Subscribe(7, heard.Add);
        await WaitUntilListeningAsync(app);

        // The server ends the listener's session, as a failover or a restart of PostgreSQL would.
        await using (var admin = new NpgsqlConnection(app.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'InvoiceHub live updates' AND datname = current_database()", admin);
            Assert.True((bool)(await kill.ExecuteScalarAsync())!);
        }

        // Both the staff subscriber and the client's hear one resync, which names no client.
        await heard.WaitForAsync(c => c.IsResync, "a resync");
        await heard.WaitForAsync(_ => heard.All.Count(c => c.IsResync) == 2, "the resync on both subscriptions");
        Assert.Equal(1, nodes.Reconnects);
        Assert.All(heard.All, c => Assert.Equal(0, c.ClientId));

        // And it listens again.
        await NotifyAsync(app, new NodeMessage("another-node", new DocumentChanged(DocumentKind.CreditRequest, 5, 7)));
        await heard.WaitForAsync(c => c is { Kind: DocumentKind.CreditRequest, Id: 5 }, "a change after the reconnect");
    }

    [Fact]
    public void A_node_message_carries_the_kind_id_and_client_only_and_reads_back()
    {
        var message = new NodeMessage("node-a", new DocumentChanged(DocumentKind.CreditRequest, 123, 45));
        Assert.Equal("node-a|1|123|45", message.Encode());
        Assert.Equal(message, NodeMessage.Decode(message.Encode()));
        Assert.Null(NodeMessage.Decode("node-a|9|1|1"));
        Assert.Null(NodeMessage.Decode("node-a|0|12.50|1"));
    }

    private static async Task WaitUntilListeningAsync(InvoiceHubFactory app)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'InvoiceHub live updates' AND datname = current_database() AND (query LIKE 'LISTEN%' OR query = '')", connection);
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the node never started listening");
            await Task.Delay(50);
        }
    }

    private static async Task NotifyAsync(InvoiceHubFactory app, NodeMessage message)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand("SELECT pg_notify('invoicehub_documents', @payload)", connection);
        notify.Parameters.AddWithValue("payload", message.Encode());
        await notify.ExecuteNonQueryAsync();
    }

    private sealed class Heard
    {
        private readonly List<DocumentChanged> _changes = [];

        public List<DocumentChanged> All { get { lock (_changes) { return [.. _changes]; } } }

        public void Add(DocumentChanged change) { lock (_changes) { _changes.Add(change); } }

        public async Task WaitForAsync(Func<DocumentChanged, bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (!All.Any(condition))
            {
                Assert.True(DateTime.UtcNow < deadline, $"never heard {what}; heard: {string.Join(", ", All)}");
                await Task.Delay(20);
            }
        }
    }
}
