using Microsoft.Extensions.Hosting;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Billing.Infrastructure.Jobs;

namespace OmniaKey.Modules.Billing.Infrastructure;

/// <summary>
/// Registers Billing's recurring jobs at start-up. Registration is by stable id, so every instance doing it is
/// harmless: the schedule is stored once, and each occurrence runs on one job server.
/// </summary>
internal sealed class BillingJobSchedule(IJobScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler.AddOrUpdateRecurring<ReleaseStaleReservationsJob>(ReleaseStaleReservationsJob.Id, job => job.RunAsync(), "* * * * *");
        scheduler.AddOrUpdateRecurring<SettleTerminationRemaindersJob>(SettleTerminationRemaindersJob.Id, job => job.RunAsync(), "* * * * *");
        scheduler.AddOrUpdateRecurring<PurgeClosedReservationsJob>(PurgeClosedReservationsJob.Id, job => job.RunAsync(), "41 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
