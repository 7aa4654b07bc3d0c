using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy in front of a test SMTP server that can break the connection after a number of messages: once armed
/// with <see cref="BreakAfter"/>, the (n+1)-th <c>MAIL FROM</c> (counted over all connections) is not forwarded and
/// both sides are closed — the n messages before it were accepted by the server, the next one fails at the client,
/// as a relay that goes away mid-batch would. <see cref="Heal"/> lets everything through again.
/// </summary>
public sealed class SmtpBreakingProxy(int upstreamPort) : LoopbackTcpProxy
{
    private int allowed = int.MaxValue;
    private int started;

    public void Start() => StartAccepting();

    /// <summary>Lets <paramref name="messages"/> more messages through, then breaks every connection at the next one.</summary>
    public void BreakAfter(int messages)
    {
        Volatile.Write(ref started, 0);
        Volatile.Write(ref allowed, messages);
    }

    public void Heal() => Volatile.Write(ref allowed, int.MaxValue);

    protected override async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, Stopping);
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
            var fromServer = upstream.GetStream().CopyToAsync(client.GetStream(), connection.Token);
            await PumpClientAsync(client.GetStream(), upstream.GetStream(), connection.Token);
            await connection.CancelAsync();
            try
            {
                await fromServer;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The other direction ended.
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // A connection ending is what this proxy is for.
        }
    }

    /// <summary>Forwards the client's lines until it closes, or until a <c>MAIL FROM</c> over the allowance (then returns, closing both).</summary>
    private async Task PumpClientAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var line = new StringBuilder();
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            var forwardFrom = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    if (line.Length < 16)
                    {
                        line.Append((char)buffer[i]);
                    }

                    continue;
                }

                var isMailFrom = line.ToString().StartsWith("MAIL FROM", StringComparison.OrdinalIgnoreCase);
                line.Clear();
                if (isMailFrom && Interlocked.Increment(ref started) > Volatile.Read(ref allowed))
                {
                    // Forward what came before this command's line, then break.
                    var lineStart = LineStart(buffer, forwardFrom, i);
                    await to.WriteAsync(buffer.AsMemory(forwardFrom, lineStart - forwardFrom), cancellationToken);
                    return;
                }
            }

            await to.WriteAsync(buffer.AsMemory(forwardFrom, read - forwardFrom), cancellationToken);
        }
    }

    private static int LineStart(byte[] buffer, int from, int newline)
    {
        for (var i = newline - 1; i >= from; i--)
        {
            if (buffer[i] == (byte)'\n')
            {
                return i + 1;
            }
        }

        return from;
    }
}
