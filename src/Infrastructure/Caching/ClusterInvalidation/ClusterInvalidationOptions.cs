using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>
/// <c>ClusterInvalidation:ReconnectDelayMs</c> (first wait after a lost connection or a failed send, doubled up to
/// ten seconds; default 250) and <c>ClusterInvalidation:PollIntervalMs</c> (SQL Server's polling; default 500).
/// </summary>
public sealed record ClusterInvalidationOptions(TimeSpan ReconnectDelay, TimeSpan PollInterval)
{
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);

    public static ClusterInvalidationOptions FromConfiguration(IConfiguration configuration) => new(
        TimeSpan.FromMilliseconds(Positive(configuration, "ClusterInvalidation:ReconnectDelayMs", 250)),
        TimeSpan.FromMilliseconds(Positive(configuration, "ClusterInvalidation:PollIntervalMs", 500)));

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration.GetValue(key, fallback);
        return value > 0 ? value : throw new InvalidOperationException($"{key} must be a positive number of milliseconds.");
    }
}
