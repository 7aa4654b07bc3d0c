using Microsoft.Extensions.Hosting;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>Registers (or updates) the recurring refund sweep with a stable id when the service starts.</summary>
internal sealed class RefundSweepSchedule(IJobScheduler jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdateRecurring<ProcessRefundsJob>(ProcessRefundsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), ProcessRefundsJob.Schedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
