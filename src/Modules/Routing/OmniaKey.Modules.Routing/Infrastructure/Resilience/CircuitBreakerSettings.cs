using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Routing.Infrastructure.Resilience;

/// <summary>
/// When a channel's breaker opens: at least <see cref="MinimumThroughput"/> calls within <see cref="SamplingDuration"/>,
/// of which at least <see cref="FailureRatio"/> failed — so one error never opens it. After <see cref="BreakDuration"/>
/// one probe call is let through (half-open); its outcome closes or re-opens the breaker.
/// Configured under <c>Routing:CircuitBreaker</c>.
/// </summary>
internal sealed record CircuitBreakerSettings(double FailureRatio, int MinimumThroughput, TimeSpan SamplingDuration, TimeSpan BreakDuration)
{
    public static CircuitBreakerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Routing:CircuitBreaker");
        return new CircuitBreakerSettings(
            double.TryParse(section["FailureRatio"], System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio is > 0 and <= 1 ? ratio : 0.5,
            int.TryParse(section["MinimumThroughput"], out var throughput) && throughput >= 2 ? throughput : 10,
            TimeSpan.FromSeconds(double.TryParse(section["SamplingDurationSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var sampling) && sampling >= 0.5 ? sampling : 30),
            TimeSpan.FromSeconds(double.TryParse(section["BreakDurationSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var pause) && pause >= 0.5 ? pause : 30));
    }
}
