using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Caching;

public sealed class StaleWhileRevalidateCacheTests
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private static readonly StaleWhileRevalidateOptions Options = StaleWhileRevalidateOptions.ForLifetime(Freshness);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSource source = new();
    private readonly ListLogger logger = new();

    [Fact]
    public async Task A_fresh_value_is_served_from_memory()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        Assert.Equal("v1", await cache.GetAsync("k", default));

        source.Values["k"] = "v2";
        clock.Advance(Freshness - TimeSpan.FromTicks(1));

        Assert.Equal("v1", await cache.GetAsync("k", default));
        Assert.Equal(1, source.LoadsOf("k"));
    }

    [Fact]
    public async Task Past_its_freshness_a_value_is_served_at_once_while_one_reload_runs_in_the_background()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        await cache.GetAsync("k", default);
        source.Values["k"] = "v2";
        var (started, release) = source.Block();
        clock.Advance(Freshness);

        Assert.Equal("v1", Served.AtOnce(cache.GetAsync("k", default)));
        await started; // the reload is now blocked in the "database" …
        Assert.Equal("v1", Served.AtOnce(cache.GetAsync("k", default))); // … and readers still do not wait for it
        Assert.Equal(2, source.LoadsOf("k"));

        release.SetResult();
        await cache.WhenLoadedAsync("k");
        Assert.Equal("v2", await cache.GetAsync("k", default));
        Assert.Equal(2, source.LoadsOf("k"));
    }

    [Fact]
    public async Task Concurrent_readers_of_stale_keys_start_one_reload_per_key_and_none_waits()
    {
        var cache = Cache();
        source.Values["a"] = "old a";
        source.Values["b"] = "old b";
        await cache.GetAsync("a", default);
        await cache.GetAsync("b", default);
        var (_, release) = source.Block();
        clock.Advance(Freshness);

        var reads = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            Served.AtOnce(cache.GetAsync(i % 2 == 0 ? "a" : "b", default)))));

        Assert.All(reads, value => Assert.StartsWith("old", value, StringComparison.Ordinal));
        release.SetResult();
        await Task.WhenAll(cache.WhenLoadedAsync("a"), cache.WhenLoadedAsync("b"));
        Assert.Equal(2, source.LoadsOf("a")); // the first load and one reload, whatever the readers
        Assert.Equal(2, source.LoadsOf("b"));
    }

    [Fact]
    public async Task Concurrent_readers_of_a_key_never_loaded_share_one_load()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        var (started, release) = source.Block();

        var readers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync("k", default).AsTask()).ToList();
        await started;
        Assert.All(readers, reader => Assert.False(reader.IsCompleted)); // a cold miss waits
        release.SetResult();

        Assert.All(await Task.WhenAll(readers), value => Assert.Equal("v1", value));
        Assert.Equal(1, source.LoadsOf("k"));
    }

    [Fact]
    public async Task A_failed_reload_keeps_the_stale_value_is_logged_once_per_streak_and_is_retried_after_the_back_off()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        await cache.GetAsync("k", default);
        source.Failure = new InvalidOperationException("database down");
        clock.Advance(Freshness);

        Assert.Equal("v1", await cache.GetAsync("k", default));
        await cache.WhenLoadedAsync("k");
        Assert.Equal("v1", await cache.GetAsync("k", default)); // within the back-off: no new attempt
        await cache.WhenLoadedAsync("k");
        Assert.Equal(2, source.LoadsOf("k"));

        clock.Advance(Options.RetryAfter);
        Assert.Equal("v1", await cache.GetAsync("k", default));
        await cache.WhenLoadedAsync("k");
        Assert.Equal(3, source.LoadsOf("k"));
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);

        source.Failure = null;
        source.Values["k"] = "v2";
        clock.Advance(Options.RetryAfter);
        Assert.Equal("v1", await cache.GetAsync("k", default));
        await cache.WhenLoadedAsync("k");
        Assert.Equal("v2", await cache.GetAsync("k", default));
        Assert.Equal(4, source.LoadsOf("k"));
        Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Information);
    }

    [Fact]
    public async Task Past_the_hard_bound_readers_wait_for_a_reload_rather_than_get_an_ancient_value()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        await cache.GetAsync("k", default);
        source.Failure = new InvalidOperationException("database down");
        clock.Advance(Freshness);
        Assert.Equal("v1", await cache.GetAsync("k", default));
        await cache.WhenLoadedAsync("k");

        clock.Advance(Options.MaxAge - Freshness - TimeSpan.FromTicks(1));
        Assert.Equal("v1", await cache.GetAsync("k", default)); // the last moment it may be served
        await cache.WhenLoadedAsync("k");
        clock.Advance(TimeSpan.FromTicks(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k", default).AsTask());

        source.Failure = null;
        source.Values["k"] = "v2";
        var (started, release) = source.Block();
        var waiting = cache.GetAsync("k", default);
        await started;
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        Assert.Equal("v2", await waiting);
    }

    [Fact]
    public async Task An_eviction_during_a_background_reload_is_not_undone_by_that_reload()
    {
        var cache = Cache();
        source.Values["k"] = "active";
        await cache.GetAsync("k", default);
        var (started, release) = source.Block();
        clock.Advance(Freshness);
        Assert.Equal("active", await cache.GetAsync("k", default));
        await started; // the reload has read "active" …
        var staleReload = cache.WhenLoadedAsync("k");

        source.Values["k"] = null; // … when the key is revoked and committed …
        cache.Evict("k"); // … and evicted
        source.Unblock();
        Assert.Null(await cache.GetAsync("k", default));
        release.SetResult();
        await staleReload;

        Assert.Null(await cache.GetAsync("k", default));
        Assert.Equal(3, source.LoadsOf("k"));
    }

    [Fact]
    public async Task A_load_that_overlapped_an_eviction_is_not_kept_and_its_waiters_read_again()
    {
        var cache = Cache();
        source.Values["k"] = "active";
        var (started, release) = source.Block();
        var first = cache.GetAsync("k", default).AsTask();
        await started; // the load has read "active" …
        source.Values["k"] = null; // … when the key is revoked and committed …
        cache.Evict("k"); // … and evicted
        source.Unblock();
        release.SetResult();

        Assert.Null(await first); // its reader read again after the eviction
        Assert.Null(await cache.GetAsync("k", default)); // remembered from that second read
        Assert.Equal(2, source.LoadsOf("k"));
    }

    [Fact]
    public async Task Evicting_everything_drops_every_key_and_ends_the_loads_in_flight()
    {
        var cache = Cache();
        source.Values["a"] = "a1";
        source.Values["b"] = "b1";
        Assert.Equal("a1", await cache.GetAsync("a", default));
        var (started, release) = source.Block();
        var loadingB = cache.GetAsync("b", default).AsTask();
        await started; // "b" has read "b1" …
        source.Values["a"] = "a2";
        source.Values["b"] = "b2";
        cache.EvictAll(); // … when signals may have been missed
        source.Unblock();
        release.SetResult();

        Assert.Equal("b2", await loadingB);
        Assert.Equal("a2", await cache.GetAsync("a", default));
        Assert.Equal("b2", await cache.GetAsync("b", default));
        Assert.Equal(2, cache.Count);
        Assert.Equal(2, source.LoadsOf("a"));
        Assert.Equal(2, source.LoadsOf("b"));
    }

    [Fact]
    public async Task A_reader_superseded_twice_gets_the_second_read_rather_than_waiting_on()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        var (started, release) = source.Block();
        var reader = cache.GetAsync("k", default).AsTask();
        await started;
        cache.Evict("k");
        var (restarted, releaseAgain) = source.Block();
        release.SetResult();
        await restarted; // the reader's second read is running …
        source.Values["k"] = "v2";
        cache.Evict("k"); // … and is superseded too
        releaseAgain.SetResult();

        Assert.Equal("v1", await reader); // read after the first eviction; the reader is not held up further
        source.Unblock();
        Assert.Equal("v2", await cache.GetAsync("k", default)); // nothing was kept from either superseded read
    }

    [Fact]
    public async Task A_failed_first_load_reaches_its_readers_and_the_next_reader_loads_again()
    {
        var cache = Cache();
        source.Values["k"] = "v1";
        source.Failure = new InvalidOperationException("database down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k", default).AsTask());

        source.Failure = null;
        Assert.Equal("v1", await cache.GetAsync("k", default));
        Assert.Empty(logger.Entries); // the reader saw the failure; there was no stale value to fall back on
    }

    [Fact]
    public async Task Misses_are_remembered_unless_the_cache_is_told_not_to()
    {
        var remembering = Cache();
        Assert.Null(await remembering.GetAsync("nobody", default));
        Assert.Null(await remembering.GetAsync("nobody", default));
        Assert.Equal(1, source.LoadsOf("nobody"));

        var forgetting = Cache(Options with { CacheMisses = false });
        Assert.Null(await forgetting.GetAsync("no one", default));
        Assert.Null(await forgetting.GetAsync("no one", default));
        Assert.Equal(2, source.LoadsOf("no one"));
        Assert.Equal(0, forgetting.Count);
    }

    [Fact]
    public async Task A_flood_of_misses_is_bounded_and_evicts_misses_before_values()
    {
        var cache = Cache(Options with { MaxEntries = 100 });
        source.Values["real"] = "value";
        await cache.GetAsync("real", default);

        for (var i = 0; i < 1_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Null(await cache.GetAsync($"random-{i}", default));
            Assert.InRange(cache.Count, 1, 101); // the bound, plus the key being loaded for the first time
        }

        Assert.Equal(1_001, source.TotalLoads); // each random key cost one load
        Assert.Equal("value", await cache.GetAsync("real", default));
        Assert.Null(await cache.GetAsync("random-999", default)); // the latest misses are still remembered
        Assert.Equal(1_001, source.TotalLoads);
    }

    private StaleWhileRevalidateCache<string, string> Cache(StaleWhileRevalidateOptions? options = null) =>
        new("test", source.LoadAsync, options ?? Options, clock, logger);
}
