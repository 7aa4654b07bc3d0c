using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace OmniaKey.Infrastructure.Health;

/// <summary>Hangfire's job storage answers (one read of an empty set), at most once per <see cref="Period"/>.</summary>
internal sealed partial class JobStorageHealthCheck(JobStorage storage, TimeProvider clock, ILogger<JobStorageHealthCheck> logger)
    : CachedHealthCheck(clock, Period)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object> { ["storage"] = storage.GetType().Name };
        try
        {
            using var connection = storage.GetConnection();
            _ = connection.GetAllItemsFromSet("omniakey:health-probe");
            return Task.FromResult(HealthCheckResult.Healthy("The job storage answers.", data));
        }
        catch (Exception e)
        {
            LogUnreachable(logger, e);
            return Task.FromResult(HealthCheckResult.Unhealthy($"The job storage cannot be reached ({e.GetType().Name}).", data: data));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the job storage cannot be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
