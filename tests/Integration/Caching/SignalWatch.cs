using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Caching;

/// <summary>
/// Waits, on one instance, for the cluster invalidation signal of one id. It subscribes after the instance's caches
/// did (they subscribe when they are built, at the instance's first call), and subscribers are called in order, so
/// when it completes the caches have evicted.
/// </summary>
internal sealed class SignalWatch : IDisposable
{
    /// <summary>The signal's own delivery is allowed this long; nothing else in the tests waits on time.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable subscription;

    private SignalWatch(OmniaKeyAppFactory instance, string topic, string id) =>
        subscription = instance.Services.GetRequiredService<IClusterInvalidation>().Subscribe(
            topic,
            evicted =>
            {
                if (evicted == id)
                {
                    arrived.TrySetResult();
                }
            },
            () => { });

    /// <summary>Start watching before making the change.</summary>
    public static SignalWatch On(OmniaKeyAppFactory instance, string topic, string id) => new(instance, topic, id);

    public Task ArrivedAsync() => arrived.Task.WaitAsync(Bound);

    public void Dispose() => subscription.Dispose();
}
