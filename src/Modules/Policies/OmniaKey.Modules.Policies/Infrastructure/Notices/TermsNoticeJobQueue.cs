using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Policies.Application.Notices;
using OmniaKey.Modules.Policies.Infrastructure.Jobs;

namespace OmniaKey.Modules.Policies.Infrastructure.Notices;

/// <summary>Enqueues <see cref="SendTermsNoticesJob"/> once the publishing command has committed.</summary>
internal sealed class TermsNoticeJobQueue(IJobScheduler jobs, IUnitOfWork unitOfWork) : ITermsNoticeQueue
{
    public void EnqueueAfterCommit() =>
        unitOfWork.OnCommitted(() => jobs.Enqueue<SendTermsNoticesJob>(job => job.RunAsync(CancellationToken.None)));
}

/// <summary>Registers (or updates) the recurring sweep with its stable id when the service starts.</summary>
internal sealed class TermsNoticeSchedule(IJobScheduler jobs) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdateRecurring<SendTermsNoticesJob>(SendTermsNoticesJob.Id, job => job.RunAsync(CancellationToken.None), SendTermsNoticesJob.Schedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
