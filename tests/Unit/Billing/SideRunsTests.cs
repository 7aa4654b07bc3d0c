using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>Slow-path runs beside the flush loops: started without waiting, all awaited at shutdown.</summary>
public sealed class SideRunsTests
{
    [Fact]
    public async Task Starting_a_run_does_not_wait_for_it_and_idle_waits_for_every_run_started()
    {
        var runs = new SideRuns();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        runs.Start(() => first.Task);
        runs.Start(() => second.Task);
        var idle = runs.WhenIdleAsync();

        Assert.False(idle.IsCompleted);
        first.SetResult();
        await Task.Delay(20);
        Assert.False(idle.IsCompleted);
        second.SetResult();
        await idle.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Idle_with_nothing_started_is_complete() => Assert.True(new SideRuns().WhenIdleAsync().IsCompleted);
}
