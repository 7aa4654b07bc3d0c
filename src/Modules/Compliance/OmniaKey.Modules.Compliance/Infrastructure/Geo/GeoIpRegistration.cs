using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmniaKey.Infrastructure.Health;
using OmniaKey.Modules.Compliance.Application.Geo;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

internal static class GeoIpRegistration
{
    public static IServiceCollection AddGeoIp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IpCountryOverrides.FromConfiguration(configuration));

        // A singleton the container disposes at shutdown (it stops the file watcher and frees the reader).
        services.AddSingleton<IIpCountryDatabase>(provider => new MaxMindIpCountryDatabase(
            configuration[MaxMindIpCountryDatabase.DatabasePathKey],
            provider.GetRequiredService<ILogger<MaxMindIpCountryDatabase>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IIpCountryResolver, IpCountryResolver>();
        services.AddHostedService<GeoIpWarmUp>();
        services.AddHealthChecks().AddCheck<GeoIpHealthCheck>("geoip", HealthStatus.Degraded, [HealthTags.Ready]);
        return services;
    }

    /// <summary>Loads the database at start-up, so its warning is logged then and the first call does not pay for the load.</summary>
    private sealed class GeoIpWarmUp(IIpCountryDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(database);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
