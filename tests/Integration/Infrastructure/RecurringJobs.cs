using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>What the app's job schedules stored in Hangfire (tests run no Hangfire server).</summary>
internal static class RecurringJobs
{
    /// <summary>Asserts that <typeparamref name="TJob"/> is stored once under <paramref name="id"/>, on <paramref name="cron"/>.</summary>
    public static void AssertScheduled<TJob>(IServiceProvider services, string id, string cron)
    {
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == id);

        Assert.Equal(cron, job.Cron);
        Assert.Equal(typeof(TJob), job.Job.Type);
    }
}
