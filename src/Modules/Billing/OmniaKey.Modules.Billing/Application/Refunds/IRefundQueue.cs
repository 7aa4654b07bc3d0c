namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// Starts processing a refund in the background (a Hangfire job in infrastructure), once the command calling it has
/// committed: a command that rolls back enqueues nothing. The recurring sweep picks up anything an enqueue missed.
/// </summary>
internal interface IRefundQueue
{
    /// <summary>Processes the refund as soon as possible (it was just approved).</summary>
    void Enqueue(Guid refundId);

    /// <summary>Processes the refund again at <paramref name="runAt"/> (its <c>next_attempt_at</c>), not at the next sweep.</summary>
    void ScheduleAt(Guid refundId, DateTimeOffset runAt);
}
