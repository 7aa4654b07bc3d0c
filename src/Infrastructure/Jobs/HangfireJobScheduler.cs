using System.Linq.Expressions;
using Hangfire;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Jobs;

internal sealed class HangfireJobScheduler(IBackgroundJobClient client, IRecurringJobManager recurring) : IJobScheduler
{
    public string Enqueue<TJob>(Expression<Func<TJob, Task>> work) => client.Enqueue(work);

    public string Schedule<TJob>(Expression<Func<TJob, Task>> work, DateTimeOffset runAt) => client.Schedule(work, runAt);

    public void AddOrUpdateRecurring<TJob>(string jobId, Expression<Func<TJob, Task>> work, string cronExpression) =>
        recurring.AddOrUpdate(jobId, work, cronExpression);
}
