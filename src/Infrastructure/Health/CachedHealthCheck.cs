using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OmniaKey.Infrastructure.Health;

/// <summary>
/// A health check whose result is reused for a short while, and whose concurrent callers share one run: a load balancer
/// (or several) polling <c>/health/ready</c> every second costs the database one probe per period, not one per poll.
/// </summary>
public abstract class CachedHealthCheck(TimeProvider clock, TimeSpan period) : IHealthCheck
{
    private readonly Lock gate = new();
    private Task<HealthCheckResult>? current;
    private long startedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> run;
        lock (gate)
        {
            if (current is null || (current.IsCompleted && clock.GetElapsedTime(startedAt) >= period))
            {
                startedAt = clock.GetTimestamp();

                // Not tied to one caller's token: other callers share this run. The registration's timeout bounds each caller's wait.
                current = Task.Run(() => ProbeAsync(CancellationToken.None), CancellationToken.None);
            }

            run = current;
        }

        return run.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The check itself. Its result is public (<c>/health/ready</c> needs no credentials): describe a failure without the
    /// exception's message, which may name hosts or users, and log the details instead.
    /// </summary>
    protected abstract Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);
}
