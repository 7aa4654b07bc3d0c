using Microsoft.Extensions.Diagnostics.HealthChecks;
using OmniaKey.Infrastructure.Shutdown;

namespace OmniaKey.Infrastructure.Health;

/// <summary>Unhealthy from the stop signal on, so that load balancers stop sending new requests here.</summary>
internal sealed class ShutdownHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsStopping
            ? HealthCheckResult.Unhealthy("The instance is shutting down.", data: new Dictionary<string, object> { ["requests_in_flight"] = drain.InFlight })
            : HealthCheckResult.Healthy("The instance takes requests."));
}
