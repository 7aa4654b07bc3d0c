using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// A value read from the database and kept in memory for the hot path, refreshed by stale-while-revalidate
/// (docs/adr/0020-stale-while-revalidate-caches.md): past its freshness lifetime it is still served at once while
/// one background reload replaces it; only the first load, and a value past the hard bound (a refresh that kept
/// failing), make callers wait. <see cref="Invalidate"/> drops it at once (a change on this instance, called after
/// the change is committed); a load that overlapped an invalidation is never kept, and its waiters read again,
/// because it may predate the change (docs/adr/0032-cluster-wide-invalidation.md). With a cluster invalidation, an
/// invalidation here is also signalled to every other instance, which drops its copy when the signal arrives
/// (milliseconds on PostgreSQL) instead of serving it until its freshness lifetime ends.
/// </summary>
internal sealed class RefreshingSnapshot<T>
    where T : class
{
    private const int TheKey = 0;
    private const string AnyId = "*";
    private readonly StaleWhileRevalidateCache<int, T> cache;
    private readonly IClusterInvalidation? cluster;
    private readonly string topic;

    /// <param name="cluster">Where invalidations are signalled to other instances; null keeps them local (unit tests).</param>
    public RefreshingSnapshot(
        string name,
        Func<CancellationToken, Task<T>> load,
        TimeProvider clock,
        StaleWhileRevalidateOptions options,
        ILogger logger,
        IClusterInvalidation? cluster = null)
    {
        cache = new(name, async (_, ct) => await load(ct).ConfigureAwait(false), options with { MaxEntries = 1 }, clock, logger);
        this.cluster = cluster;
        topic = "snapshot:" + name;
        // The snapshots are singletons for the process's life: the subscription is never disposed.
        cluster?.Subscribe(topic, _ => cache.Evict(TheKey), () => cache.Evict(TheKey));
    }

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var pending = cache.GetAsync(TheKey, cancellationToken);
        return pending.IsCompletedSuccessfully ? ValueTask.FromResult(pending.Result!) : WaitAsync(pending);
    }

    /// <summary>Drops the value here at once, and on every other instance when the signal arrives.</summary>
    public void Invalidate()
    {
        if (cluster is null)
        {
            cache.Evict(TheKey);
        }
        else
        {
            cluster.Publish(topic, AnyId); // evicts here before it returns
        }
    }

    private static async ValueTask<T> WaitAsync(ValueTask<T?> pending) => (await pending.ConfigureAwait(false))!;

    /// <summary>Completes when the load in flight (a background refresh, say) has finished.</summary>
    public Task WhenLoadedAsync() => cache.WhenLoadedAsync(TheKey);
}
