using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// Enqueues or schedules <see cref="ProcessRefundJob"/> once the command that asked for it has committed
/// (<see cref="IUnitOfWork.OnCommitted"/>): the job then always finds the state it was enqueued for, and a command that
/// rolls back enqueues nothing. Only the refund id travels with the job: the refund's state lives in its row, which the
/// job reads (and claims) when it runs.
/// </summary>
internal sealed class RefundJobQueue(IJobScheduler jobs, IUnitOfWork unitOfWork) : IRefundQueue
{
    public void Enqueue(Guid refundId) =>
        unitOfWork.OnCommitted(() => jobs.Enqueue<ProcessRefundJob>(job => job.RunAsync(refundId, CancellationToken.None)));

    public void ScheduleAt(Guid refundId, DateTimeOffset runAt) =>
        unitOfWork.OnCommitted(() => jobs.Schedule<ProcessRefundJob>(job => job.RunAsync(refundId, CancellationToken.None), runAt));
}
