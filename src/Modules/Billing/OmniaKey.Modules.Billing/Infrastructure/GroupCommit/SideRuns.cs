namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// Slow-path operations run beside the flush loops, not in them: a per-call operation costs several round trips, and
/// run inside a loop it would hold up every later batch — one customer with an empty balance sending calls as fast
/// as they can would delay every other customer's holds. Tracked so that shutdown can wait for the last of them.
/// </summary>
internal sealed class SideRuns
{
    private readonly Lock gate = new();
    private readonly HashSet<Task> running = [];

    /// <summary>Starts <paramref name="work"/>, which must not throw (it completes its operation either way).</summary>
    public void Start(Func<Task> work)
    {
        Task task;
        lock (gate)
        {
            // Added under the lock, so that the removal below can never come first.
            task = Task.Run(work);
            running.Add(task);
        }

        _ = task.ContinueWith(
            done =>
            {
                lock (gate)
                {
                    running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Completes when every run started so far has finished.</summary>
    public Task WhenIdleAsync()
    {
        Task[] snapshot;
        lock (gate)
        {
            snapshot = [.. running];
        }

        return Task.WhenAll(snapshot);
    }
}
