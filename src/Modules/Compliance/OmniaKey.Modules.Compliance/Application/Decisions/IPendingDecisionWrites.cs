namespace OmniaKey.Modules.Compliance.Application.Decisions;

/// <summary>
/// <c>/v1</c> decisions this instance has queued for the background audit writer but not yet written. The decision
/// log waits for them first, so an operator who reads it right after a refused call on this instance sees the
/// denial (read-your-writes, as billing's reads wait for queued settlements).
/// </summary>
internal interface IPendingDecisionWrites
{
    /// <summary>Completes once every decision queued before this call has been written (or given up on).</summary>
    Task WaitForQueuedAsync(CancellationToken cancellationToken);
}
