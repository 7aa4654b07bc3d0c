using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>The flush rule of the group commit's queues: no waiting window, the next batch is what queued meanwhile.</summary>
public sealed class OperationQueueTests
{
    private readonly List<int> sizes = [];
    private TaskCompletionSource? gate;
    private TaskCompletionSource? entered;

    [Fact]
    public async Task An_idle_queue_applies_a_single_operation_at_once()
    {
        var queue = Start(maxBatchSize: 256);

        var operation = Enqueue(queue, 7);

        Assert.Equal(7, await operation.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([1], Sizes());
    }

    [Fact]
    public async Task Operations_that_arrive_during_a_flush_form_the_next_batches_up_to_the_maximum_size()
    {
        var queue = Start(maxBatchSize: 3);
        var entered = Close();
        var first = Enqueue(queue, 0);
        await entered;

        var later = Enumerable.Range(1, 5).Select(i => Enqueue(queue, i)).ToList();
        Open();

        var results = await Task.WhenAll(later.Prepend(first).Select(o => o.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, results);
        Assert.Equal([1, 3, 2], Sizes());
    }

    [Fact]
    public async Task Stopping_applies_what_is_queued_and_takes_nothing_more()
    {
        var queue = Start(maxBatchSize: 256);
        var entered = Close();
        var first = Enqueue(queue, 0);
        await entered;
        var queued = Enqueue(queue, 1);

        var stopping = queue.StopAsync();
        Assert.False(queue.TryEnqueue(new PendingOperation<int, int>(2)));
        Open();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0, 1), (await first.Task, await queued.Task));
    }

    [Fact]
    public async Task A_batch_that_throws_fails_its_own_operations_and_the_queue_goes_on()
    {
        var queue = new OperationQueue<PendingOperation<int, int>>(256, batch =>
            batch[0].Input < 0 ? throw new InvalidOperationException("broken batch") : CompleteAll(batch));
        queue.Start();

        var failed = Enqueue(queue, -1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(5, await Enqueue(queue, 5).Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static PendingOperation<int, int> Enqueue(OperationQueue<PendingOperation<int, int>> queue, int value)
    {
        var operation = new PendingOperation<int, int>(value);
        Assert.True(queue.TryEnqueue(operation));
        return operation;
    }

    private static Task CompleteAll(IReadOnlyList<PendingOperation<int, int>> batch)
    {
        foreach (var operation in batch)
        {
            operation.Complete(operation.Input);
        }

        return Task.CompletedTask;
    }

    private OperationQueue<PendingOperation<int, int>> Start(int maxBatchSize)
    {
        var queue = new OperationQueue<PendingOperation<int, int>>(maxBatchSize, ApplyAsync);
        queue.Start();
        return queue;
    }

    private async Task ApplyAsync(IReadOnlyList<PendingOperation<int, int>> batch)
    {
        Task wait;
        lock (sizes)
        {
            sizes.Add(batch.Count);
            wait = gate?.Task ?? Task.CompletedTask;
            entered?.TrySetResult();
        }

        await wait;
        await CompleteAll(batch);
    }

    private Task Close()
    {
        lock (sizes)
        {
            gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return entered.Task;
        }
    }

    private void Open()
    {
        lock (sizes)
        {
            gate?.TrySetResult();
            gate = null;
            entered = null;
        }
    }

    private List<int> Sizes()
    {
        lock (sizes)
        {
            return [.. sizes];
        }
    }
}
