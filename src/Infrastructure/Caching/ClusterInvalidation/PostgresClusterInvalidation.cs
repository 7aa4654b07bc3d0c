using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>
/// PostgreSQL <c>LISTEN/NOTIFY</c> (docs/adr/0032-cluster-wide-invalidation.md). One dedicated, unpooled connection
/// per instance listens on <see cref="Channel"/>; it reconnects after any failure and, each time it (re)connects,
/// every subscriber forgets everything, because signals sent while nobody listened are lost. Signals are sent from a
/// queue by a pooled connection right after the change committed (the publisher is called from the commit hook), so
/// a publisher never waits for, nor fails because of, the signal.
/// </summary>
internal sealed class PostgresClusterInvalidation(
    NpgsqlDataSource dataSource,
    DatabaseOptions database,
    ClusterInvalidationOptions options,
    ILogger<PostgresClusterInvalidation> logger) : BackgroundService, IClusterInvalidation
{
    internal const string Channel = "omniakey_invalidation";

    /// <summary>
    /// Appended to the connection's <c>application_name</c> (default <c>omniakey</c>) for the listener, so operators
    /// (and tests) can find it in <c>pg_stat_activity</c>.
    /// </summary>
    internal const string ListenerSuffix = " invalidation listener";

    private const int MaxBatch = 100;

    private readonly ClusterInvalidationSubscribers subscribers = new();
    private readonly Channel<string> outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly string origin = Guid.NewGuid().ToString("N");
    private int connections;

    /// <summary>How many times the listener has connected (for tests: a reconnect increments it).</summary>
    internal int Connections => Volatile.Read(ref connections);

    public void Publish(string topic, string id)
    {
        subscribers.Evict(topic, id);
        outgoing.Writer.TryWrite(new InvalidationSignal(origin, topic, id).Format());
    }

    public IDisposable Subscribe(string topic, Action<string> evict, Action evictAll) => subscribers.Add(topic, evict, evictAll);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        builder.Pooling = false;
        builder.ApplicationName = ListenerName(builder.ApplicationName);
        builder.KeepAlive = 15; // an idle connection that died silently is noticed within seconds
        var listener = builder.ConnectionString;
        var delay = options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(listener);
                connection.Notification += (_, e) => Receive(e.Payload);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                // Listening from here on; whatever was published before (while disconnected, or before start) is lost.
                subscribers.EvictEverything();
                ClusterInvalidationLog.ListenerConnected(logger, Interlocked.Increment(ref connections));
                delay = options.ReconnectDelay;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // From now until the listener is back, no signal arrives: nothing cached may outlive that unchecked.
                subscribers.EvictEverything();
                ClusterInvalidationLog.ListenerLost(logger, delay, exception);
            }

            if (!await DelayAsync(delay, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ClusterInvalidationOptions.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>The listener's <c>application_name</c>, within PostgreSQL's 63 characters.</summary>
    internal static string ListenerName(string? applicationName)
    {
        var name = (string.IsNullOrEmpty(applicationName) ? "omniakey" : applicationName) + ListenerSuffix;
        return name.Length <= 63 ? name : name[^63..];
    }

    private void Receive(string payload)
    {
        if (!InvalidationSignal.TryParse(payload, out var signal))
        {
            ClusterInvalidationLog.Unreadable(logger);
        }
        else if (signal.Origin != origin) // this instance evicted its own entries when it published
        {
            subscribers.Evict(signal.Topic, signal.Id);
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var batch = new List<string>(MaxBatch);
        var delay = options.ReconnectDelay;
        try
        {
            while (await outgoing.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && outgoing.Reader.TryRead(out var payload))
                {
                    batch.Add(payload);
                }

                try
                {
                    await NotifyAsync(batch, stoppingToken).ConfigureAwait(false);
                    batch.Clear();
                    delay = options.ReconnectDelay;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // Kept and sent again: until then other instances hold the entries at most until they reload them.
                    ClusterInvalidationLog.SendFailed(logger, batch.Count, delay, exception);
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, ClusterInvalidationOptions.MaxReconnectDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync(List<string> payloads, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var payload in payloads)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
            {
                Parameters = { new NpgsqlParameter { Value = Channel }, new NpgsqlParameter { Value = payload } },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
