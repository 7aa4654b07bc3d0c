using System.Diagnostics;
using OmniaKey.Modules.Billing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// An operation and the task its caller awaits. Continuations run asynchronously so that completing a batch never
/// runs callers' code on the flush loop.
/// </summary>
internal class PendingOperation<TInput, TResult>(TInput input) : IPendingOperation, ITracedOperation
{
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TInput Input { get; } = input;

    /// <summary>The span of the call that queued it (none when nothing traces), for the batch's link.</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    public Task<TResult> Task => completion.Task;

    public void Complete(TResult result) => completion.TrySetResult(result);

    public void Fail(Exception exception) => completion.TrySetException(exception);

    /// <summary>Completes the operation as <paramref name="outcome"/> did: with its result or its exception.</summary>
    public async Task CompleteFromAsync(Func<Task<TResult>> outcome)
    {
        try
        {
            Complete(await outcome());
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }
}
