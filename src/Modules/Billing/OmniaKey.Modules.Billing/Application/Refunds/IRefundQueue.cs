namespace OmniaKey.Modules.Billing.Application.Refunds;

/// <summary>
/// Starts processing an approved refund in the background at once (a Hangfire job in infrastructure). Call it only
/// after the approval has committed; the recurring sweep picks up anything an enqueue missed.
/// </summary>
internal interface IRefundQueue
{
    void Enqueue(Guid refundId);
}
