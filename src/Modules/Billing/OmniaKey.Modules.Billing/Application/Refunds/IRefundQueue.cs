namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// Starts processing an approved refund in the background at once (a Hangfire job in infrastructure). Call it only
/// after the approval has committed; the recurring sweep picks up anything an enqueue missed.
/// </summary>
internal interface IRefundQueue
{
    void Enqueue(Guid refundId);

    /// <summary>
    /// Processes the refund again at <paramref name="runAt"/> (its <c>next_attempt_at</c>), so a retry does not wait for
    /// the next sweep. Call it only after the retry has committed.
    /// </summary>
    void ScheduleAt(Guid refundId, DateTimeOffset runAt);
}
