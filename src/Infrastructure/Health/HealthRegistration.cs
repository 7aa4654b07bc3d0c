using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OmniaKey.Infrastructure.Email;
using OmniaKey.Infrastructure.Shutdown;

namespace OmniaKey.Infrastructure.Health;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c>, and the graceful shutdown that turns readiness off
/// (docs/health-and-shutdown.md, docs/adr/0035-health-and-graceful-shutdown.md). Modules add their own readiness checks
/// with <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [HealthTags.Ready])</c>.
/// </summary>
public static class HealthRegistration
{
    /// <summary>Bounds a check's wait (a database that drops packets): past it the check reports its failure status.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealthAndShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGracefulShutdown(configuration);
        services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>("shutdown", HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, [HealthTags.Ready], CheckTimeout)
            .AddCheck<JobStorageHealthCheck>("jobs", HealthStatus.Unhealthy, [HealthTags.Ready], CheckTimeout)
            .AddCheck<EmailHealthCheck>("email", HealthStatus.Degraded, [HealthTags.Ready], CheckTimeout);
        return services;
    }

    /// <summary>
    /// Refuses new requests once the instance is stopping (first in the pipeline after the request id), and maps the
    /// health endpoints: anonymous, never rate limited, never cached.
    /// </summary>
    public static WebApplication UseHealthAndShutdown(this WebApplication app)
    {
        app.UseGracefulShutdown();
        app.MapHealthChecks("/health/live", Options(_ => false)).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", Options(check => check.Tags.Contains(HealthTags.Ready))).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
