using System.Collections.Concurrent;

namespace OmniaKey.UnitTests.Caching;

/// <summary>
/// A database stand-in for cache tests: values by key, a count of loads per key, and, on demand, loads that block
/// (after reading their value) until released, or that fail.
/// </summary>
internal sealed class ScriptedSource
{
    private readonly ConcurrentDictionary<string, int> loads = new();
    private TaskCompletionSource? gate;
    private TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentDictionary<string, string?> Values { get; } = new();

    /// <summary>When set, loads throw it (after the gate, if any).</summary>
    public Exception? Failure { get; set; }

    public int LoadsOf(string key) => loads.GetValueOrDefault(key);

    public int TotalLoads => loads.Values.Sum();

    /// <summary>Makes the next loads block once they have read their value.</summary>
    /// <returns>A task that completes when a blocked load has started, and the switch that releases them.</returns>
    public (Task Started, TaskCompletionSource Release) Block()
    {
        started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return (started.Task, gate);
    }

    /// <summary>Loads from now on do not block (loads already blocked stay so until released).</summary>
    public void Unblock() => gate = null;

    public async Task<string?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        loads.AddOrUpdate(key, 1, (_, n) => n + 1);
        var value = Values.GetValueOrDefault(key);
        var blockedBy = gate;
        started.TrySetResult();
        if (blockedBy is not null)
        {
            await blockedBy.Task;
        }

        return Failure is { } failure ? throw failure : value;
    }
}
