using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Routing.Infrastructure;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Catalog;

public sealed class RefreshingSnapshotTests
{
    private readonly FakeTimeProvider clock = new(Dec1);

    [Fact]
    public async Task A_load_that_overlapped_an_invalidation_is_not_kept()
    {
        var version = 1;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource();
        var snapshot = new RefreshingSnapshot<string>(
            async _ =>
            {
                var seen = $"v{version}";
                reading.TrySetResult();
                await release.Task;
                return seen;
            },
            clock,
            TimeSpan.FromMinutes(1));

        var first = snapshot.GetAsync(default).AsTask();
        await reading.Task;
        version = 2; // the change is committed while the first load is still reading …
        snapshot.Invalidate(); // … and the cache is told after the commit
        release.SetResult();

        Assert.Equal("v1", await first); // its waiter gets what it read
        Assert.Equal("v2", await snapshot.GetAsync(default)); // but the stale value was not kept
    }

    [Fact]
    public async Task A_failed_load_is_not_kept_and_the_next_read_retries()
    {
        var calls = 0;
        var snapshot = new RefreshingSnapshot<string>(
            _ => ++calls == 1 ? throw new InvalidOperationException("database down") : Task.FromResult("ok"),
            clock,
            TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => snapshot.GetAsync(default).AsTask());
        Assert.Equal("ok", await snapshot.GetAsync(default));
    }

    [Fact]
    public async Task A_waiter_can_stop_waiting_without_cancelling_the_shared_load()
    {
        var release = new TaskCompletionSource<string>();
        var snapshot = new RefreshingSnapshot<string>(_ => release.Task, clock, TimeSpan.FromMinutes(1));
        using var cancelled = new CancellationTokenSource();

        var impatient = snapshot.GetAsync(cancelled.Token).AsTask();
        var patient = snapshot.GetAsync(default).AsTask();
        await cancelled.CancelAsync();
        release.SetResult("loaded");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal("loaded", await patient);
    }
}
