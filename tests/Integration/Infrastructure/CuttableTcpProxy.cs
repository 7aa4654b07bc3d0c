using System.Net;
using System.Net.Sockets;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback in front of a server (the shared test PostgreSQL, say) that a test can cut off and restore:
/// <see cref="Cut"/> closes every open connection and closes each new one at once, as a database that went away
/// would look to the app; <see cref="Restore"/> forwards again. Only the app pointed at this proxy sees the outage;
/// the server and every other test go on as before.
/// </summary>
public sealed class CuttableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string upstreamHost;
    private readonly int upstreamPort;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<TcpClient> open = [];
    private bool cut;
    private readonly Task accepting;

    public CuttableTcpProxy(string upstreamHost, int upstreamPort)
    {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Cut()
    {
        List<TcpClient> closing;
        lock (gate)
        {
            cut = true;
            closing = [.. open];
            open.Clear();
        }

        foreach (var client in closing)
        {
            client.Dispose();
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Cut();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var upstream = new TcpClient();
        lock (gate)
        {
            if (cut)
            {
                client.Dispose();
                upstream.Dispose();
                return;
            }

            open.Add(client);
            open.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(upstreamHost, upstreamPort, stop.Token);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var toServer = client.GetStream().CopyToAsync(upstream.GetStream(), connection.Token);
            var toClient = upstream.GetStream().CopyToAsync(client.GetStream(), connection.Token);
            await Task.WhenAny(toServer, toClient);
            await connection.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A connection ending is what this proxy is for.
        }
        finally
        {
            lock (gate)
            {
                open.Remove(client);
                open.Remove(upstream);
            }

            client.Dispose();
            upstream.Dispose();
        }
    }
}
