using Microsoft.Extensions.Hosting;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Infrastructure.Jobs;

namespace OmniaKey.Modules.Accounts.Infrastructure;

/// <summary>
/// Registers Accounts' recurring jobs at start-up, by stable id, so every instance doing it is harmless: the schedule
/// is stored once, and each occurrence runs on one job server.
/// </summary>
internal sealed class AccountsJobSchedule(IJobScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler.AddOrUpdateRecurring<ForgetQuietLockoutsJob>(ForgetQuietLockoutsJob.Id, job => job.RunAsync(), "17 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
