using System.Linq.Expressions;

namespace OmniaKey.Application.Abstractions;

/// <summary>Background work, kept behind an interface so that modules do not reference Hangfire.</summary>
public interface IJobScheduler
{
    string Enqueue<TJob>(Expression<Func<TJob, Task>> work);

    /// <summary>Runs <paramref name="work"/> once, no earlier than <paramref name="runAt"/>.</summary>
    string Schedule<TJob>(Expression<Func<TJob, Task>> work, DateTimeOffset runAt);

    void AddOrUpdateRecurring<TJob>(string jobId, Expression<Func<TJob, Task>> work, string cronExpression);
}
