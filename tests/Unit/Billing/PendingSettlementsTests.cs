using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>A read waits for the settlements of its account queued before it, and for nothing else.</summary>
public sealed class PendingSettlementsTests
{
    private static readonly Guid Account = Guid.CreateVersion7();

    private readonly PendingSettlements pending = new();

    [Fact]
    public void An_account_with_nothing_pending_is_read_at_once()
    {
        pending.Track(Guid.CreateVersion7(), new TaskCompletionSource<int>().Task);

        Assert.True(pending.WaitForAccountAsync(Account, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_read_waits_until_every_earlier_settlement_of_its_account_is_applied()
    {
        var first = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Track(Account, first.Task);
        pending.Track(Account, second.Task);

        var read = pending.WaitForAccountAsync(Account, CancellationToken.None);
        first.SetResult(1);
        await Task.Yield();
        Assert.False(read.IsCompleted);

        second.SetResult(2);
        await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(pending.WaitForAccountAsync(Account, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_read_does_not_wait_for_settlements_queued_after_it()
    {
        var earlier = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Track(Account, earlier.Task);
        var read = pending.WaitForAccountAsync(Account, CancellationToken.None);

        pending.Track(Account, new TaskCompletionSource<int>().Task);
        earlier.SetResult(1);

        await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(pending.WaitForAccountAsync(Account, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_failed_settlement_ends_the_wait_without_failing_the_read()
    {
        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Track(Account, failing.Task);
        var read = pending.WaitForAccountAsync(Account, CancellationToken.None);

        failing.SetException(new InvalidOperationException("the database went away"));

        await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(read.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Reconciling_every_account_waits_for_every_account()
    {
        var one = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var other = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Track(Account, one.Task);
        pending.Track(Guid.CreateVersion7(), other.Task);

        var read = pending.WaitForAllAsync(CancellationToken.None);
        one.SetResult(1);
        await Task.Yield();
        Assert.False(read.IsCompleted);

        other.SetResult(1);
        await read.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_cancelled_read_stops_waiting()
    {
        pending.Track(Account, new TaskCompletionSource<int>().Task);
        using var cancel = new CancellationTokenSource();
        var read = pending.WaitForAccountAsync(Account, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}
