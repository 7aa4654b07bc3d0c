using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Shutdown;

/// <summary>
/// <c>Shutdown:DrainSeconds</c> (default 30): how long running calls and streams may go on after the stop signal;
/// <c>Shutdown:ReadinessDelaySeconds</c> (default 0): how long the instance keeps serving new requests, already
/// reported unready, so that a load balancer polling <c>/health/ready</c> takes it out before it starts refusing.
/// See docs/health-and-shutdown.md and docs/adr/0035-health-and-graceful-shutdown.md.
/// </summary>
public sealed record ShutdownSettings(TimeSpan ReadinessDelay, TimeSpan Drain)
{
    public const int DefaultDrainSeconds = 30;

    /// <summary>After the drain window: for streams cut at the deadline to write their error event and queue their settlement.</summary>
    public static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(10);

    /// <summary>After the requests: for the billing group commit to apply what is queued, and the other services to stop.</summary>
    public static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(15);

    /// <summary>What the host must give its stop (HostOptions.ShutdownTimeout), so it never cuts the drain short.</summary>
    public TimeSpan HostShutdownTimeout => ReadinessDelay + Drain + WrapUp + StopMargin;

    public static ShutdownSettings FromConfiguration(IConfiguration configuration) =>
        new(TimeSpan.FromSeconds(Seconds(configuration, "Shutdown:ReadinessDelaySeconds", 0)),
            TimeSpan.FromSeconds(Seconds(configuration, "Shutdown:DrainSeconds", DefaultDrainSeconds)));

    private static int Seconds(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
            ? seconds
            : throw new InvalidOperationException($"{key} must be a whole number of seconds from 0 to 3600; '{text}' is not.");
    }
}
