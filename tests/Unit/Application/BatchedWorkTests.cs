using OmniaKey.Application.Batching;
using Xunit;

namespace OmniaKey.UnitTests.Application;

public sealed class BatchedWorkTests
{
    [Fact]
    public async Task Batches_run_until_one_is_short_and_the_total_is_returned()
    {
        var left = 25;
        var calls = 0;

        var total = await BatchedWork.RepeatAsync(() => { calls++; var done = Math.Min(10, left); left -= done; return Task.FromResult(done); }, 10, 100);

        Assert.Equal((25, 3), (total, calls));
    }

    [Fact]
    public async Task No_more_than_the_maximum_batches_run_and_the_rest_waits()
    {
        var calls = 0;

        var total = await BatchedWork.RepeatAsync(() => { calls++; return Task.FromResult(10); }, 10, 4);

        Assert.Equal((40, 4), (total, calls));
    }
}
