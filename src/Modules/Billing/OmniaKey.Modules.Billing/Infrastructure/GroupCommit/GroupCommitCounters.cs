namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// What the group commit did since start: batches applied, operations on the fast and the slow path, and batches
/// that failed and fell back to the slow path. For diagnostics and for tests that must know which path ran.
/// </summary>
internal sealed class GroupCommitCounters
{
    private long batches;
    private long fast;
    private long slow;
    private long failedBatches;

    public long Batches => Interlocked.Read(ref batches);

    public long Fast => Interlocked.Read(ref fast);

    public long Slow => Interlocked.Read(ref slow);

    public long FailedBatches => Interlocked.Read(ref failedBatches);

    public void Batch() => Interlocked.Increment(ref batches);

    public void FastPath(int count = 1) => Interlocked.Add(ref fast, count);

    public void SlowPath() => Interlocked.Increment(ref slow);

    public void Failed() => Interlocked.Increment(ref failedBatches);
}
