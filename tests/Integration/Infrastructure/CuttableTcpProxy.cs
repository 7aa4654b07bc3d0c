using System.Net.Sockets;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy on loopback in front of a server (the shared test PostgreSQL, say) that a test can cut off and restore:
/// <see cref="Cut"/> closes every open connection and closes each new one at once, as a database that went away
/// would look to the app; <see cref="Restore"/> forwards again. Only the app pointed at this proxy sees the outage;
/// the server and every other test go on as before.
/// </summary>
public sealed class CuttableTcpProxy : LoopbackTcpProxy
{
    private readonly string upstreamHost;
    private readonly int upstreamPort;
    private readonly Lock gate = new();
    private readonly List<TcpClient> open = [];
    private bool cut;

    public CuttableTcpProxy(string upstreamHost, int upstreamPort)
    {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        StartAccepting();
    }

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

    protected override void OnStopping() => Cut();

    protected override async Task HandleAsync(TcpClient client)
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
            await upstream.ConnectAsync(upstreamHost, upstreamPort, Stopping);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
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
