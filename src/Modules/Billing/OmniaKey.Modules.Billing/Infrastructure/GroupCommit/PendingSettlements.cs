using OmniaKey.Modules.Billing.Application.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The settlements queued or in flight on this instance, per account. A reader waits only for those queued before it
/// asked, never for ones that arrive while it waits, so a busy account cannot keep its reader waiting.
/// </summary>
internal sealed class PendingSettlements : IPendingSettlements
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, List<Task>> pending = [];

    /// <summary>Tracks <paramref name="settlement"/> until it completes, however it completes.</summary>
    public void Track(Guid accountId, Task settlement)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(accountId, out var tasks))
            {
                pending[accountId] = tasks = [];
            }

            tasks.Add(settlement);
        }

        _ = settlement.ContinueWith(
            done => Forget(accountId, done),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task WaitForAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        Task[] snapshot;
        lock (gate)
        {
            if (!pending.TryGetValue(accountId, out var tasks))
            {
                return Task.CompletedTask;
            }

            snapshot = [.. tasks];
        }

        return WaitAsync(snapshot, cancellationToken);
    }

    public Task WaitForAllAsync(CancellationToken cancellationToken)
    {
        Task[] snapshot;
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return Task.CompletedTask;
            }

            snapshot = [.. pending.Values.SelectMany(t => t)];
        }

        return WaitAsync(snapshot, cancellationToken);
    }

    /// <summary>A failed settlement is the caller's problem (and the slow path's); the reader only needs it over.</summary>
    private static Task WaitAsync(Task[] settlements, CancellationToken cancellationToken) =>
        OverAsync(settlements).WaitAsync(cancellationToken);

    private static async Task OverAsync(Task[] settlements) =>
        await Task.WhenAll(settlements).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private void Forget(Guid accountId, Task settlement)
    {
        lock (gate)
        {
            if (pending.TryGetValue(accountId, out var tasks) && tasks.Remove(settlement) && tasks.Count == 0)
            {
                pending.Remove(accountId);
            }
        }
    }
}
