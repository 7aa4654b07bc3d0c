using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Caching;

namespace OmniaKey.Modules.Routing.Infrastructure;

/// <summary>
/// A value read from the database and kept in memory for the hot path, refreshed by stale-while-revalidate
/// (docs/adr/0020-stale-while-revalidate-caches.md): past its freshness lifetime it is still served at once while
/// one background reload replaces it; only the first load, and a value past the hard bound (a refresh that kept
/// failing), make callers wait. <see cref="Invalidate"/> drops it at once (a change on this instance, called after
/// the change is committed); a load that overlapped an invalidation is never kept, and its waiters read again,
/// because it may predate the change (docs/adr/0032-cluster-wide-invalidation.md).
/// </summary>
internal sealed class RefreshingSnapshot<T>
    where T : class
{
    private const int TheKey = 0;
    private readonly StaleWhileRevalidateCache<int, T> cache;

    public RefreshingSnapshot(string name, Func<CancellationToken, Task<T>> load, TimeProvider clock, StaleWhileRevalidateOptions options, ILogger logger) =>
        cache = new(name, async (_, ct) => await load(ct).ConfigureAwait(false), options with { MaxEntries = 1 }, clock, logger);

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        var pending = cache.GetAsync(TheKey, cancellationToken);
        return pending.IsCompletedSuccessfully ? ValueTask.FromResult(pending.Result!) : WaitAsync(pending);
    }

    public void Invalidate() => cache.Evict(TheKey);

    private static async ValueTask<T> WaitAsync(ValueTask<T?> pending) => (await pending.ConfigureAwait(false))!;

    /// <summary>Completes when the load in flight (a background refresh, say) has finished.</summary>
    public Task WhenLoadedAsync() => cache.WhenLoadedAsync(TheKey);
}
