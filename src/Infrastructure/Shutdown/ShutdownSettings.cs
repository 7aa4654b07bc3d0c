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

    /// <summary>The settings; a bad value stops start-up naming the key (with every other bad key, docs/deployment.md).</summary>
    public static ShutdownSettings FromConfiguration(IConfiguration configuration)
    {
        var problems = new List<string>();
        var settings = Read(configuration, problems);
        return problems.Count == 0 ? settings : throw new InvalidOperationException(string.Join(" ", problems));
    }

    /// <summary>Every bad <c>Shutdown</c> setting, one message each (the start-up configuration check lists them).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        Read(configuration, problems);
        return problems;
    }

    private static ShutdownSettings Read(IConfiguration configuration, List<string> problems) =>
        new(TimeSpan.FromSeconds(Seconds(configuration, "Shutdown:ReadinessDelaySeconds", 0, problems)),
            TimeSpan.FromSeconds(Seconds(configuration, "Shutdown:DrainSeconds", DefaultDrainSeconds, problems)));

    private static int Seconds(IConfiguration configuration, string key, int fallback, List<string> problems)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600)
        {
            return seconds;
        }

        problems.Add($"{key} must be a whole number of seconds from 0 to 3600; '{text}' is not.");
        return fallback;
    }
}
