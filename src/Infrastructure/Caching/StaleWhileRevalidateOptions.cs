namespace OmniaKey.Infrastructure.Caching;

/// <summary>
/// How long a <see cref="StaleWhileRevalidateCache{TKey, TValue}"/> trusts what it loaded
/// (docs/adr/0020-stale-while-revalidate-caches.md).
/// </summary>
/// <param name="Freshness">
/// A value younger than this is served as is. An older one is still served at once, and one background reload
/// replaces it: how long another instance's change can stay unseen while the value is in use.
/// </param>
/// <param name="MaxAge">
/// The hard bound: a value this old is never served; the caller waits for a reload, as on a cold miss. It bounds
/// what a failing (or idle) background refresh can serve.
/// </param>
public sealed record StaleWhileRevalidateOptions(TimeSpan Freshness, TimeSpan MaxAge)
{
    /// <summary>The hard bound used by every cache here: three freshness lifetimes.</summary>
    public const int MaxAgeInLifetimes = 3;

    /// <summary>After a failed background reload, stale readers wait this long before one of them tries again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most entries kept. Past it, entries that hold a miss go first, then those loaded longest ago.
    /// </summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Whether "not found" (a null load) is remembered like a value, or forgotten at once.</summary>
    public bool CacheMisses { get; init; } = true;

    /// <summary>The options for a freshness lifetime, with the hard bound at <see cref="MaxAgeInLifetimes"/> lifetimes.</summary>
    public static StaleWhileRevalidateOptions ForLifetime(TimeSpan freshness) => new(freshness, freshness * MaxAgeInLifetimes);
}
