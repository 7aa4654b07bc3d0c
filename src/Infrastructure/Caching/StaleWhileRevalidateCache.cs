using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Caching;

/// <summary>
/// Values read from the database and served from memory by key, refreshed in the background
/// (docs/adr/0020-stale-while-revalidate-caches.md):
/// <list type="bullet">
/// <item>younger than <see cref="StaleWhileRevalidateOptions.Freshness"/>: served as is;</item>
/// <item>older: still served at once, and one background reload per key is started (later readers of the same key
/// do not start another); a failed reload keeps the stale value, is logged once per failure streak, and is tried
/// again by a reader after <see cref="StaleWhileRevalidateOptions.RetryAfter"/>;</item>
/// <item>never loaded, or older than <see cref="StaleWhileRevalidateOptions.MaxAge"/>: the reader waits for the
/// load (shared by all readers of the key; a failure reaches them all and is not kept).</item>
/// </list>
/// <see cref="Evict"/> drops a key at once, <see cref="EvictAll"/> every key. Each entry carries its generation: an
/// eviction ends it, so a load that was running when its key was evicted (it may have read the database before the
/// change committed) neither stores its value nor hands it to a reader that starts waiting afterwards; the next
/// reader loads afresh (docs/adr/0032-cluster-wide-invalidation.md).
/// At most <see cref="StaleWhileRevalidateOptions.MaxEntries"/> entries are kept (plus the first loads in flight).
/// </summary>
/// <param name="name">The cache's name in log lines.</param>
/// <param name="load">Reads the current value of a key; null when there is none (a miss).</param>
public sealed class StaleWhileRevalidateCache<TKey, TValue>(
    string name,
    Func<TKey, CancellationToken, Task<TValue?>> load,
    StaleWhileRevalidateOptions options,
    TimeProvider clock,
    ILogger logger)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Slot> slots = new();
    private readonly Lock compacting = new();
    private int count;
    private int failing;

    /// <summary>How many keys are held (values, misses and first loads in flight).</summary>
    public int Count => Volatile.Read(ref count);

    public ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        var slot = slots.TryGetValue(key, out var existing) ? existing : Add(key);
        if (slot.Loaded is { } loaded)
        {
            var age = clock.GetUtcNow() - loaded.At;
            if (age < options.Freshness)
            {
                return ValueTask.FromResult(loaded.Value);
            }

            if (age < options.MaxAge)
            {
                RefreshInBackground(key, slot);
                return ValueTask.FromResult(loaded.Value);
            }
        }

        return new ValueTask<TValue?>(WaitForLoadAsync(key, slot, retried: false, cancellationToken));
    }

    /// <summary>Forgets a key at once: the next reader loads it again, and no load in flight can restore it.</summary>
    public void Evict(TKey key)
    {
        if (slots.TryRemove(key, out var slot))
        {
            Interlocked.Decrement(ref count);
            slot.End();
        }
    }

    /// <summary>
    /// Forgets every key (when evictions may have been missed, e.g. a lost cluster signal): each is loaded again by
    /// its next reader, and no load in flight can restore one.
    /// </summary>
    public void EvictAll()
    {
        foreach (var pair in slots)
        {
            if (slots.TryRemove(pair))
            {
                Interlocked.Decrement(ref count);
                pair.Value.End();
            }
        }
    }

    /// <summary>Completes when the load of the key in flight (if any) has finished, whether it succeeded or not.</summary>
    public Task WhenLoadedAsync(TKey key) =>
        slots.TryGetValue(key, out var slot) && slot.Loading is { } loading ? loading : Task.CompletedTask;

    private Slot Add(TKey key)
    {
        var created = new Slot();
        var slot = slots.GetOrAdd(key, created);
        if (ReferenceEquals(slot, created) && Interlocked.Increment(ref count) > options.MaxEntries)
        {
            Compact();
        }

        return slot;
    }

    private void RefreshInBackground(TKey key, Slot slot)
    {
        if (slot.Loading is not null)
        {
            return;
        }

        lock (slot)
        {
            if (slot.Loading is null && clock.GetUtcNow() >= slot.RetryAt)
            {
                slot.Loading = LoadAsync(key, slot);
            }
        }
    }

    private async Task<TValue?> WaitForLoadAsync(TKey key, Slot slot, bool retried, CancellationToken cancellationToken)
    {
        Task<Attempt> loading;
        lock (slot)
        {
            if (slot.Ended && !retried)
            {
                // Evicted since this reader found it: whatever it holds or is loading may predate the change.
                loading = Task.FromResult(Attempt.Superseded(null));
            }
            else if (slot.Loading is null && slot.Loaded is { } loaded && clock.GetUtcNow() - loaded.At < options.MaxAge)
            {
                return loaded.Value; // a load finished since this reader looked
            }
            else
            {
                loading = slot.Loading ??= LoadAsync(key, slot);
            }
        }

        // The shared load ignores this reader's cancellation (others wait for it too); the reader stops waiting.
        var attempt = await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (attempt.IsSuperseded && !retried)
        {
            // The key was evicted while it loaded: that read may predate the change, so this reader reads again,
            // through a new entry. Once only, so that a stream of evictions cannot hold a reader up; a reader
            // superseded twice gets the second read, which started after the first eviction.
            var fresh = slots.TryGetValue(key, out var existing) ? existing : Add(key);
            return await WaitForLoadAsync(key, fresh, retried: true, cancellationToken).ConfigureAwait(false);
        }

        attempt.Failure?.Throw();
        return attempt.Value;
    }

    /// <summary>Never throws: a failure is handed to the waiters (if any) in the result, so none goes unobserved.</summary>
    private async Task<Attempt> LoadAsync(TKey key, Slot slot)
    {
        // Leave the caller's lock, and the caller: a reader that serves a stale value must not run the load itself.
        await Task.Yield();
        var startedAt = clock.GetUtcNow(); // the value is as old as the read that produced it
        try
        {
            var value = await load(key, CancellationToken.None).ConfigureAwait(false);
            var keep = value is not null || options.CacheMisses;
            bool superseded;
            lock (slot)
            {
                slot.Loading = null;
                slot.RetryAt = default;
                superseded = slot.Ended;
                if (keep && !superseded)
                {
                    slot.Loaded = new Loaded(value, startedAt);
                }
            }

            if (superseded)
            {
                return Attempt.Superseded(value); // its generation was ended by an eviction: nothing is kept
            }

            if (!keep && slots.TryRemove(KeyValuePair.Create(key, slot)))
            {
                Interlocked.Decrement(ref count);
            }

            if (Interlocked.Exchange(ref failing, 0) == 1)
            {
                StaleWhileRevalidateLog.ReloadRecovered(logger, name);
            }

            return new Attempt(value, null);
        }
        catch (Exception exception)
        {
            bool servingStale;
            lock (slot)
            {
                slot.Loading = null;
                slot.RetryAt = clock.GetUtcNow() + options.RetryAfter;
                servingStale = slot.Loaded is not null;
            }

            // Once per failure streak of the whole cache: a database outage fails every key's reload at once.
            if (servingStale && Interlocked.Exchange(ref failing, 1) == 0)
            {
                StaleWhileRevalidateLog.ReloadFailing(logger, name, options.RetryAfter, options.MaxAge, exception);
            }

            return new Attempt(null, ExceptionDispatchInfo.Capture(exception));
        }
    }

    /// <summary>
    /// Brings the cache back to nine tenths of its bound (so this runs once per tenth of the bound added, not once per
    /// key): misses go first (a flood of random keys evicts itself), then the values loaded longest ago.
    /// Keys still on their first load are left alone.
    /// </summary>
    private void Compact()
    {
        if (!compacting.TryEnter())
        {
            return; // another reader is compacting; the bound is exceeded by at most the readers in between
        }

        try
        {
            var excess = Count - (options.MaxEntries - (options.MaxEntries / 10));
            if (excess <= 0)
            {
                return;
            }

            var victims = slots
                .Select(pair => (pair.Key, Slot: pair.Value, pair.Value.Loaded))
                .Where(entry => entry.Loaded is not null)
                .OrderBy(entry => entry.Loaded!.Value is null ? 0 : 1)
                .ThenBy(entry => entry.Loaded!.At)
                .Take(excess)
                .ToList();
            foreach (var (key, slot, _) in victims)
            {
                if (slots.TryRemove(KeyValuePair.Create(key, slot)))
                {
                    Interlocked.Decrement(ref count);
                }
            }
        }
        finally
        {
            compacting.Exit();
        }
    }

    /// <summary>
    /// One generation of a key's entry; its mutable fields change under its own lock. An eviction removes it from the
    /// cache and ends it; the key's next reader starts a new one.
    /// </summary>
    private sealed class Slot
    {
        public volatile Loaded? Loaded;
        public volatile Task<Attempt>? Loading;
        public DateTimeOffset RetryAt;
        public bool Ended;

        public void End()
        {
            lock (this)
            {
                Ended = true;
                Loaded = null;
            }
        }
    }

    private sealed record Loaded(TValue? Value, DateTimeOffset At);

    private sealed record Attempt(TValue? Value, ExceptionDispatchInfo? Failure, bool IsSuperseded = false)
    {
        /// <summary>The load's key was evicted while it ran: its value may predate the change and is not kept.</summary>
        public static Attempt Superseded(TValue? value) => new(value, null, true);
    }
}
