using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<Guid, ResiliencePipeline<UpstreamAttempt>> breakers = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> coolingUntil = new();

    /// <summary>The pipeline a call to <paramref name="target"/> runs through; it refuses at once while the breaker is open.</summary>
    public ResiliencePipeline<UpstreamAttempt> BreakerFor(UpstreamTarget target) =>
        breakers.GetOrAdd(target.ChannelId, _ => Build());

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

    private ResiliencePipeline<UpstreamAttempt> Build() =>
        new ResiliencePipelineBuilder<UpstreamAttempt> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<UpstreamAttempt>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsChannelFailure(args.Outcome)),
            })
            .Build();
}

/// <summary>The channel sent no response headers within the first-byte timeout; <see cref="RequestSent"/> if it had the request.</summary>
internal sealed class UpstreamTimeoutException(string message, bool requestSent) : Exception(message)
{
    public bool RequestSent { get; } = requestSent;
}
