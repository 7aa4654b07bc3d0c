using OmniaKey.Modules.Routing.Infrastructure.Providers;

namespace OmniaKey.Modules.Routing.Infrastructure.Channels;

/// <summary>A channel as routing sees it: where to send, and how to rank it.</summary>
internal sealed record RoutableChannel(UpstreamTarget Target, int Priority, int Weight, IReadOnlySet<string> Models)
{
    public bool Serves(string modelId) => Models.Count == 0 || Models.Contains(modelId);
}

/// <summary>
/// The order in which a call tries channels: higher priority first; within one priority a weighted random order
/// (each channel leads with a probability proportional to its weight), so traffic spreads by weight and failover
/// still reaches every channel.
/// </summary>
internal static class ChannelOrder
{
    public static IReadOnlyList<UpstreamTarget> Arrange(IReadOnlyList<RoutableChannel> channels, Random random)
    {
        if (channels.Count <= 1)
        {
            return [.. channels.Select(c => c.Target)];
        }

        // Efraimidis–Spirakis: sorting by u^(1/w) descending is a weighted random permutation.
        return [.. channels
            .Select(c => (Channel: c, Key: Math.Pow(random.NextDouble(), 1.0 / Math.Max(1, c.Weight))))
            .OrderByDescending(x => x.Channel.Priority)
            .ThenByDescending(x => x.Key)
            .Select(x => x.Channel.Target)];
    }
}
