using Microsoft.Extensions.Logging.Abstractions;
using OmniaKey.Infrastructure.Startup;
using Xunit;

namespace OmniaKey.UnitTests.Startup;

/// <summary>The start-up warm-ups: run side by side in the background, never holding up or failing the start.</summary>
public sealed class StartupWarmupsTests
{
    [Fact]
    public async Task The_start_returns_before_the_warmups_finish_and_every_warmup_runs()
    {
        var slow = new GatedWarmup();
        var quick = new GatedWarmup();
        quick.Release();
        using var warmups = new StartupWarmups([slow, quick], NullLogger<StartupWarmups>.Instance);

        await warmups.StartAsync(CancellationToken.None);

        Assert.False(warmups.Warming.IsCompleted);
        await quick.Started.WaitAsync(TimeSpan.FromSeconds(10));
        await slow.Started.WaitAsync(TimeSpan.FromSeconds(10));
        slow.Release();
        await warmups.Warming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(slow.Finished && quick.Finished);
    }

    [Fact]
    public async Task A_failing_warmup_neither_fails_the_start_nor_stops_the_others()
    {
        var other = new GatedWarmup();
        other.Release();
        using var warmups = new StartupWarmups([new FailingWarmup(), other], NullLogger<StartupWarmups>.Instance);

        await warmups.StartAsync(CancellationToken.None);
        await warmups.Warming.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(warmups.Warming.IsCompletedSuccessfully);
        Assert.True(other.Finished);
    }

    [Fact]
    public async Task Stopping_cancels_a_warmup_still_running()
    {
        var stuck = new GatedWarmup();
        using var warmups = new StartupWarmups([stuck], NullLogger<StartupWarmups>.Instance);
        await warmups.StartAsync(CancellationToken.None);
        await stuck.Started.WaitAsync(TimeSpan.FromSeconds(10));

        await warmups.StopAsync(CancellationToken.None);

        Assert.True(warmups.Warming.IsCompleted);
        Assert.True(stuck.Cancelled);
        Assert.False(stuck.Finished);
    }

    private sealed class GatedWarmup : IStartupWarmup
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        public bool Finished { get; private set; }

        public bool Cancelled { get; private set; }

        public void Release() => gate.TrySetResult();

        public async Task WarmAsync(CancellationToken cancellationToken)
        {
            started.TrySetResult();
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
                Finished = true;
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }

    private sealed class FailingWarmup : IStartupWarmup
    {
        public Task WarmAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the database is not there");
    }
}
