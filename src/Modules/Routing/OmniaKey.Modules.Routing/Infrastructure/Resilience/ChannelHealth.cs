using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Polly;
using Polly.CircuitBreaker;

namespace OmniaKey.Modules.Routing.Infrastructure.Resilience;

/// <summary>
/// What the relay knows about each channel's health, per instance: a Polly circuit breaker over a sliding window,
/// and a cool-down when the channel asked us to wait (<c>Retry-After</c>, Gemini's <c>RetryInfo</c>).
/// </summary>
internal sealed class ChannelHealth(CircuitBreakerSettings settings, TimeProvider clock)
{
    /// <summary>An upstream that asks for a longer pause is still retried after this, in case it recovered early.</summary>
    private static readonly TimeSpan MaxCoolDown = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<Guid, ChannelBreaker> breakers = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> coolingUntil = new();

    /// <summary>The pipeline a call to <paramref name="target"/> runs through; it refuses at once while the breaker is open.</summary>
    public ResiliencePipeline<UpstreamAttempt> BreakerFor(UpstreamTarget target) =>
        breakers.GetOrAdd(target.ChannelId, static (_, args) => args.Self.Build(args.Target), (Self: this, Target: target)).Pipeline;

    /// <summary>
    /// Each breaker's state, for the circuit-breaker gauge (read at collection only): Polly's <see cref="CircuitState"/>
    /// as a number — 0 closed, 1 open, 2 half-open, 3 isolated — per channel this instance has called.
    /// </summary>
    public IEnumerable<Measurement<int>> BreakerStates()
    {
        foreach (var (_, breaker) in breakers)
        {
            yield return new Measurement<int>(
                (int)breaker.State.CircuitState,
                new KeyValuePair<string, object?>("omniakey.channel.id", breaker.ChannelKey),
                new KeyValuePair<string, object?>("omniakey.channel.name", breaker.ChannelName),
                new KeyValuePair<string, object?>("omniakey.provider", breaker.Provider));
        }
    }

    public void CoolDown(UpstreamTarget target, TimeSpan wait) =>
        coolingUntil[target.ChannelId] = clock.GetUtcNow() + (wait > MaxCoolDown ? MaxCoolDown : wait);

    public bool IsCoolingDown(UpstreamTarget target) =>
        coolingUntil.TryGetValue(target.ChannelId, out var until) && until > clock.GetUtcNow();

    /// <summary>
    /// Failures that say something about the channel (not about the request): see <see cref="UpstreamError.IsChannelFailure"/>.
    /// A timeout after the request was sent does not count: a long generation is not a sick channel, and counting it
    /// would let slow calls open the breaker for everyone.
    /// </summary>
    public static bool IsChannelFailure(Outcome<UpstreamAttempt> outcome) => outcome switch
    {
        { Exception: UpstreamTimeoutException { RequestSent: true } } => false,
        { Exception: HttpRequestException or UpstreamTimeoutException } => true,
        { Result.Error: { } error } => error.IsChannelFailure,
        _ => false,
    };

    private ChannelBreaker Build(UpstreamTarget target)
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<UpstreamAttempt> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<UpstreamAttempt>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsChannelFailure(args.Outcome)),
                StateProvider = state,
            })
            .Build();

        // Only the channel's name and provider are kept: the target also carries the decrypted credential.
        return new ChannelBreaker(pipeline, state, target.ChannelKey, target.Name, target.Provider);
    }

    private sealed record ChannelBreaker(ResiliencePipeline<UpstreamAttempt> Pipeline, CircuitBreakerStateProvider State, string ChannelKey, string ChannelName, string Provider);
}

/// <summary>The channel sent no response headers within the first-byte timeout; <see cref="RequestSent"/> if it had the request.</summary>
internal sealed class UpstreamTimeoutException(string message, bool requestSent) : Exception(message)
{
    public bool RequestSent { get; } = requestSent;
}
