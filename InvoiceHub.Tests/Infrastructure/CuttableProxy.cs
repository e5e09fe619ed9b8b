using System.Net;
using System.Net.Sockets;

namespace InvoiceHub.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port in front of the app, for a browser to lose its connection while the server keeps
/// running: <see cref="Cut"/> closes every open connection (Blazor's socket included) and refuses new ones as a
/// server that went away would; <see cref="Restore"/> relays again, so the page can rejoin the circuit it still has there.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public CuttableProxy(Uri target)
    {
        _target = new DnsEndPoint(target.Host, target.Port);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var connection in _open)
            {
                connection.Dispose();
            }
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_cut)
            {
                browser.Dispose();
                continue;
            }
            _ = RelayAsync(browser);
        }
    }

    private async Task RelayAsync(TcpClient browser)
    {
        var server = new TcpClient();
        Track(browser, server);
        try
        {
            if (_cut)
            {
                return;
            }
            await server.ConnectAsync(_target.Host, _target.Port, _stopping.Token);
            var up = browser.GetStream().CopyToAsync(server.GetStream(), _stopping.Token);
            var down = server.GetStream().CopyToAsync(browser.GetStream(), _stopping.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // A cut or a closed side ends the relay; both connections are closed below.
        }
        finally
        {
            Untrack(browser, server);
            browser.Dispose();
            server.Dispose();
        }
    }

    private void Track(params TcpClient[] connections)
    {
        lock (_open)
        {
            _open.UnionWith(connections);
        }
    }

    private void Untrack(params TcpClient[] connections)
    {
        lock (_open)
        {
            _open.ExceptWith(connections);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stopping.Dispose();
    }
}
