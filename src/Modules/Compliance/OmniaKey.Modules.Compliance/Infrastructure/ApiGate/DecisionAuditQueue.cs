using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OmniaKey.Modules.Compliance.Application.Decisions;
using OmniaKey.Modules.Compliance.Application.Decisions.RecordApiDecisions;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Infrastructure.ApiGate;

/// <summary>
/// The <c>/v1</c> decisions waiting to be written: a bounded in-process channel (a flood of refused calls cannot grow
/// memory without bound; past <see cref="Capacity"/> a decision is dropped and counted in the log), and the sequence
/// numbers that let a reader wait for what was queued before it asked (<see cref="IPendingDecisionWrites"/>).
/// <see cref="DecisionAuditWriter"/> drains it.
/// </summary>
internal sealed partial class DecisionAuditQueue(ILogger<DecisionAuditQueue> logger) : IPendingDecisionWrites
{
    public const int Capacity = 10_000;

    private readonly Channel<(long Sequence, TimedDecision Decision)> channel =
        Channel.CreateBounded<(long, TimedDecision)>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock gate = new();
    private readonly List<(long Sequence, TaskCompletionSource Done)> waiters = [];
    private long enqueued;
    private long written;
    private long dropped;

    public ChannelReader<(long Sequence, TimedDecision Decision)> Reader => channel.Reader;

    public void Enqueue(AccessDecisionDto decision, DateTimeOffset decidedAt)
    {
        lock (gate)
        {
            // Under the lock, so sequence numbers enter the channel in order and "written up to N" means all of them.
            var sequence = enqueued + 1;
            if (channel.Writer.TryWrite((sequence, new TimedDecision(decision, decidedAt))))
            {
                enqueued = sequence;
                return;
            }
        }

        var lost = Interlocked.Increment(ref dropped);
        if (lost == 1 || lost % 1000 == 0)
        {
            LogDropped(lost);
        }
    }

    /// <summary>Called by the writer once everything up to <paramref name="sequence"/> is written (or given up on).</summary>
    public void MarkWritten(long sequence)
    {
        List<TaskCompletionSource> done;
        lock (gate)
        {
            written = Math.Max(written, sequence);
            done = [.. waiters.Where(w => w.Sequence <= written).Select(w => w.Done)];
            waiters.RemoveAll(w => w.Sequence <= written);
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Stops taking decisions (shutdown): the writer drains what is queued and ends.</summary>
    public void Complete() => channel.Writer.TryComplete();

    public Task WaitForQueuedAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (written >= enqueued)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((enqueued, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The /v1 decision audit queue is full: {Dropped} decisions dropped so far (the calls were still judged)")]
    private partial void LogDropped(long dropped);
}
