using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// Enqueues <see cref="ProcessRefundJob"/>. Only the refund id travels with the job: the refund's state lives in
/// its row, which the job reads (and claims) when it runs.
/// </summary>
internal sealed class RefundJobQueue(IJobScheduler jobs) : IRefundQueue
{
    public void Enqueue(Guid refundId) =>
        jobs.Enqueue<ProcessRefundJob>(job => job.RunAsync(refundId, CancellationToken.None));

    public void ScheduleAt(Guid refundId, DateTimeOffset runAt) =>
        jobs.Schedule<ProcessRefundJob>(job => job.RunAsync(refundId, CancellationToken.None), runAt);
}
