using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Infrastructure.Caching;
using OmniaKey.Modules.Routing.Infrastructure;
using OmniaKey.UnitTests.Support;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Catalog;

public sealed class RefreshingSnapshotTests
{
    private static readonly StaleWhileRevalidateOptions Options = StaleWhileRevalidateOptions.ForLifetime(TimeSpan.FromMinutes(1));
    private readonly FakeTimeProvider clock = new(Dec1);

    [Fact]
    public async Task A_load_that_overlapped_an_invalidation_is_not_kept()
    {
        var version = 1;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        var snapshot = new RefreshingSnapshot<string>(
            "test",
            async _ =>
            {
                var seen = $"v{version}";
                reading.TrySetResult();
                await release.Task;
                return seen;
            },
            clock,
            Options,
            NullLogger.Instance);

        var first = snapshot.GetAsync(default).AsTask();
        await reading.Task;
        version = 2; // the change is committed while the first load is still reading …
        snapshot.Invalidate(); // … and the cache is told after the commit
        release.SetResult();

        Assert.Equal("v2", await first); // its waiter reads again rather than take what predates the change (ADR 0032)
        Assert.Equal("v2", await snapshot.GetAsync(default)); // and the stale value was not kept
    }

    [Fact]
    public async Task A_failed_load_is_not_kept_and_the_next_read_retries()
    {
        var calls = 0;
        var snapshot = new RefreshingSnapshot<string>(
            "test",
            _ => ++calls == 1 ? throw new InvalidOperationException("database down") : Task.FromResult("ok"),
            clock,
            Options,
            NullLogger.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => snapshot.GetAsync(default).AsTask());
        Assert.Equal("ok", await snapshot.GetAsync(default));
    }

    [Fact]
    public async Task A_waiter_can_stop_waiting_without_cancelling_the_shared_load()
    {
        var release = new TaskCompletionSource<string>();
        var snapshot = new RefreshingSnapshot<string>("test", _ => release.Task, clock, Options, NullLogger.Instance);
        using var cancelled = new CancellationTokenSource();

        var impatient = snapshot.GetAsync(cancelled.Token).AsTask();
        var patient = snapshot.GetAsync(default).AsTask();
        await cancelled.CancelAsync();
        release.SetResult("loaded");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal("loaded", await patient);
    }

    [Fact]
    public async Task A_stale_snapshot_is_served_at_once_while_it_is_reloaded_in_the_background()
    {
        var version = 1;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var snapshot = new RefreshingSnapshot<string>(
            "test",
            async _ =>
            {
                var seen = $"v{version}";
                if (seen != "v1")
                {
                    await release.Task;
                }

                return seen;
            },
            clock,
            Options,
            NullLogger.Instance);
        Assert.Equal("v1", await snapshot.GetAsync(default));
        version = 2;
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("v1", Served.AtOnce(snapshot.GetAsync(default))); // the reload is blocked, the reader is not
        release.SetResult();
        await snapshot.WhenLoadedAsync();

        Assert.Equal("v2", await snapshot.GetAsync(default));
    }

    [Fact]
    public async Task A_background_reload_that_overlapped_an_invalidation_is_not_kept()
    {
        var version = 1;
        var loads = 0;
        var backgroundRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var snapshot = new RefreshingSnapshot<string>(
            "test",
            async _ =>
            {
                var seen = $"v{version}";
                if (Interlocked.Increment(ref loads) == 2)
                {
                    backgroundRead.SetResult();
                    await release.Task;
                }

                return seen;
            },
            clock,
            Options,
            NullLogger.Instance);
        Assert.Equal("v1", await snapshot.GetAsync(default));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("v1", await snapshot.GetAsync(default)); // starts the background reload …
        await backgroundRead.Task; // … which reads v1 and is held
        var staleReload = snapshot.WhenLoadedAsync();

        version = 2; // the change commits …
        snapshot.Invalidate(); // … and the cache is told
        Assert.Equal("v2", await snapshot.GetAsync(default));
        release.SetResult();
        await staleReload;

        Assert.Equal("v2", await snapshot.GetAsync(default));
        Assert.Equal(3, loads);
    }
}
