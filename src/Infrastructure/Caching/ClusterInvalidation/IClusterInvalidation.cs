namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>
/// Tells every instance of the service to forget a cached item (docs/adr/0032-cluster-wide-invalidation.md). A cache
/// subscribes to its topic and evicts locally; whoever changes the data publishes after the change commits (never
/// before: an instance could reload the old row in between and keep it).
/// </summary>
public interface IClusterInvalidation
{
    /// <summary>
    /// Evicts <paramref name="id"/> of <paramref name="topic"/> on this instance at once (before returning) and on every
    /// other instance as soon as the signal reaches it (PostgreSQL: milliseconds; SQL Server: the polling interval;
    /// SQLite is a single instance). Never throws: a signal that cannot be sent is logged and retried.
    /// </summary>
    void Publish(string topic, string id);

    /// <summary>
    /// Calls <paramref name="evict"/> for every id published on <paramref name="topic"/>, on any instance, and
    /// <paramref name="evictAll"/> when signals may have been missed (the listener lost its connection), so the
    /// subscriber must then forget everything of the topic. The callbacks run on the signal's thread: keep them short.
    /// </summary>
    IDisposable Subscribe(string topic, Action<string> evict, Action evictAll);
}
