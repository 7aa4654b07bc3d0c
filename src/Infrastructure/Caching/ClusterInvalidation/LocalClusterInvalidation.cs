namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>SQLite: a single instance, so publishing evicts locally and there is nothing to send.</summary>
internal sealed class LocalClusterInvalidation : IClusterInvalidation
{
    private readonly ClusterInvalidationSubscribers subscribers = new();

    public void Publish(string topic, string id) => subscribers.Evict(topic, id);

    public IDisposable Subscribe(string topic, Action<string> evict, Action evictAll) => subscribers.Add(topic, evict, evictAll);
}
