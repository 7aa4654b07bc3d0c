using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OmniaKey.Modules.Compliance.Infrastructure.Geo;

/// <summary>
/// The IP country database for readiness: degraded, never unhealthy, when none is configured or loaded — calls are
/// served, and country decisions rest on the other signals (docs/geoip.md). Memory only, no I/O.
/// </summary>
internal sealed class GeoIpHealthCheck(IIpCountryDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (database is not MaxMindIpCountryDatabase maxMind)
        {
            return database is NoIpCountryDatabase
                ? HealthCheckResult.Degraded("No IP country database; IP countries are unknown.")
                : HealthCheckResult.Healthy("A custom IP country database answers.");
        }

        if (maxMind.DatabasePath is null)
        {
            return HealthCheckResult.Degraded(
                $"No IP country database: {MaxMindIpCountryDatabase.DatabasePathKey} is not set; IP countries are unknown.",
                data: new Dictionary<string, object> { ["configured"] = false });
        }

        if (maxMind.LoadedMetadata is not { } metadata)
        {
            return HealthCheckResult.Degraded(
                "The configured IP country database is missing or unreadable; IP countries are unknown until it loads.",
                data: new Dictionary<string, object> { ["configured"] = true, ["loaded"] = false });
        }

        return HealthCheckResult.Healthy("The IP country database is loaded.", new Dictionary<string, object>
        {
            ["configured"] = true,
            ["loaded"] = true,
            ["database_type"] = metadata.DatabaseType,
            ["build_date"] = new DateTimeOffset(DateTime.SpecifyKind(metadata.BuildDate, DateTimeKind.Utc)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
