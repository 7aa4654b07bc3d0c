using System.Threading.Channels;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// One kind of operation, applied in batches by one loop: wait for an operation, take everything already queued (up to
/// the batch size), apply it, repeat. An idle queue therefore flushes a single operation at once, with no waiting
/// window, and operations that arrive during a flush form the next batch. <paramref name="apply"/> must complete
/// every operation it is given, whatever happens.
/// </summary>
internal sealed class OperationQueue<TOperation>(int maxBatchSize, Func<IReadOnlyList<TOperation>, Task> apply)
    where TOperation : IPendingOperation
{
    private readonly Channel<TOperation> channel = Channel.CreateUnbounded<TOperation>(new UnboundedChannelOptions { SingleReader = true });
    private Task? loop;

    /// <summary>Starts the flush loop; queued operations wait until then.</summary>
    public void Start() => loop ??= Task.Run(RunAsync);

    /// <summary>False once the queue is stopping: the caller then applies the operation on its own.</summary>
    public bool TryEnqueue(TOperation operation) => channel.Writer.TryWrite(operation);

    /// <summary>Takes no more operations, applies what is queued, and returns when the last batch is done.</summary>
    public async Task StopAsync()
    {
        channel.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<TOperation>(maxBatchSize);
        while (await channel.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatchSize && channel.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            try
            {
                await apply(batch);
            }
            catch (Exception e)
            {
                // apply isolates failures itself; this only guards the loop, so that no caller ever waits forever.
                foreach (var operation in batch)
                {
                    operation.Fail(e);
                }
            }

            batch.Clear();
        }
    }
}

/// <summary>A queued operation whose caller awaits its completion.</summary>
internal interface IPendingOperation
{
    void Fail(Exception exception);
}
