using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OmniaKey.Modules.Routing.Domain.Catalog;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>
/// Readiness of the relay, from the in-memory catalogue and channel directory (reloaded in the background, so a probe
/// costs no query of its own). Unhealthy when no provider with enabled models has an enabled channel whose credential
/// this instance can decrypt: the instance can serve no call (a lost or foreign key ring looks like this). Degraded,
/// still ready, when only some such providers lack one: calls to their models get 503 <c>upstream_not_configured</c>
/// while the others are served, and taking the instance out of the balancer would not help — a deployment that uses
/// one provider is not broken for lacking the others' credentials (docs/health-and-shutdown.md).
/// </summary>
internal sealed partial class ChannelsHealthCheck(IModelCatalog catalog, CachedChannelDirectory channels, ILogger<ChannelsHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var models = await catalog.ListEnabledAsync(cancellationToken);
            var usable = await channels.UsableChannelsByProviderAsync(cancellationToken);
            var needed = models.Select(m => m.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var missing = needed.Where(p => !usable.ContainsKey(p)).ToList();
            var data = new Dictionary<string, object>
            {
                ["usable_channels"] = needed.ToDictionary(p => p, p => usable.GetValueOrDefault(p), StringComparer.Ordinal),
            };
            if (missing.Count > 0)
            {
                data["providers_without_channel"] = missing;
                var servesNothing = missing.Count == needed.Count;
                return new HealthCheckResult(
                    servesNothing ? context.Registration.FailureStatus : HealthStatus.Degraded,
                    $"No enabled channel with a readable credential for: {string.Join(", ", missing)}. Add a channel, or disable those providers' models.",
                    data: data);
            }

            return HealthCheckResult.Healthy("Every provider with enabled models has a usable channel.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreadable(logger, e);
            return new HealthCheckResult(context.Registration.FailureStatus, $"The catalogue or the channels cannot be read ({e.GetType().Name}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the model catalogue or the channels cannot be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
