using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// Waits, on one instance, for the cluster invalidation signals of a topic. It subscribes after the instance's caches
/// did (they subscribe when they are built, at the instance's first call), and subscribers are called in order, so
/// when a wait completes the caches have evicted. Every id is remembered from the moment the watch starts, so waiting
/// for an id learnt only after the change (a new key's hash) cannot miss a signal that came first.
/// </summary>
internal sealed class SignalWatch : IDisposable
{
    /// <summary>The signal's own delivery is allowed this long; nothing else in the tests waits on time.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> arrivals = new(StringComparer.Ordinal);
    private readonly IDisposable subscription;
    private readonly string? expected;

    private SignalWatch(OmniaKeyAppFactory instance, string topic, string? expected)
    {
        this.expected = expected;
        subscription = instance.Services.GetRequiredService<IClusterInvalidation>().Subscribe(
            topic,
            evicted => Arrival(evicted).TrySetResult(),
            () => { });
    }

    /// <summary>Start watching before making the change.</summary>
    public static SignalWatch On(OmniaKeyAppFactory instance, string topic, string id) => new(instance, topic, id);

    /// <summary>Watches every id of the topic; wait for one with <see cref="ArrivedAsync(string)"/>.</summary>
    public static SignalWatch OnTopic(OmniaKeyAppFactory instance, string topic) => new(instance, topic, expected: null);

    public Task ArrivedAsync() => ArrivedAsync(expected ?? throw new InvalidOperationException("This watch has no id; name one."));

    public Task ArrivedAsync(string id) => Arrival(id).Task.WaitAsync(Bound);

    public void Dispose() => subscription.Dispose();

    private TaskCompletionSource Arrival(string id) =>
        arrivals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
