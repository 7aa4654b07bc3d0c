using System.Collections.Immutable;

namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>This instance's subscribers by topic; the transports hand what they receive to it.</summary>
internal sealed class ClusterInvalidationSubscribers
{
    private ImmutableDictionary<string, ImmutableList<Subscription>> byTopic =
        ImmutableDictionary<string, ImmutableList<Subscription>>.Empty.WithComparers(StringComparer.Ordinal);

    public IDisposable Add(string topic, Action<string> evict, Action evictAll)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var subscription = new Subscription(this, topic, evict, evictAll);
        ImmutableInterlocked.AddOrUpdate(ref byTopic, topic, [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public void Evict(string topic, string id)
    {
        if (byTopic.TryGetValue(topic, out var subscriptions))
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Evict(id);
            }
        }
    }

    /// <summary>Every topic's subscribers forget everything (signals may have been missed).</summary>
    public void EvictEverything()
    {
        foreach (var subscription in byTopic.Values.SelectMany(list => list))
        {
            subscription.EvictAll();
        }
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.AddOrUpdate(ref byTopic, subscription.Topic, [], (_, list) => list.Remove(subscription));

    private sealed class Subscription(ClusterInvalidationSubscribers owner, string topic, Action<string> evict, Action evictAll)
        : IDisposable
    {
        public string Topic => topic;

        public Action<string> Evict => evict;

        public Action EvictAll => evictAll;

        public void Dispose() => owner.Remove(this);
    }
}
