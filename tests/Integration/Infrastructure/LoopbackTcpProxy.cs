using System.Net;
using System.Net.Sockets;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP listener on a free loopback port that hands every connection it accepts to <see cref="HandleAsync"/>, the
/// part each test proxy defines; disposing stops accepting, lets the subclass close what it holds
/// (<see cref="OnStopping"/>) and waits for the accept loop.
/// </summary>
public abstract class LoopbackTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task? accepting;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Cancelled when the proxy is disposed.</summary>
    protected CancellationToken Stopping => stop.Token;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        OnStopping();
        if (accepting is not null)
        {
            try
            {
                await accepting;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopping.
            }
        }

        stop.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void StartAccepting()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Serves one accepted connection; runs concurrently with the others.</summary>
    protected abstract Task HandleAsync(TcpClient client);

    protected virtual void OnStopping()
    {
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = HandleAsync(client);
        }
    }
}
