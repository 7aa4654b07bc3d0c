using System.Net;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// Failed authentications per client IP in one-minute windows: after the limit, the IP is refused (429) before any
/// credential is looked at, until the window ends. Successes are not counted.
/// </summary>
public abstract class FailureThrottle(int failuresPerMinute, TimeProvider clock)
{
    private readonly FixedWindowCounter failures = new(failuresPerMinute, TimeSpan.FromMinutes(1), clock);

    /// <summary>How long the IP must wait, or null when it may try.</summary>
    public TimeSpan? Blocked(IPAddress? client) =>
        !failures.IsEmpty && failures.IsExhausted(ClientPartition.Of(client), out var retryAfter) ? retryAfter : null;

    public void RecordFailure(IPAddress? client) => failures.TryAcquire(ClientPartition.Of(client), out _);
}

/// <summary>Unknown, revoked or malformed API keys on <c>/v1</c>, per IP (<c>RateLimits:ApiKeys:FailuresPerMinute</c>).</summary>
public sealed class ApiKeyFailureThrottle(RateLimitSettings settings, TimeProvider clock)
    : FailureThrottle(settings.ApiKeyFailuresPerMinute, clock);

/// <summary>Wrong admin tokens on <c>/admin</c>, per IP (<c>RateLimits:Admin:FailuresPerMinute</c>).</summary>
public sealed class AdminFailureThrottle(RateLimitSettings settings, TimeProvider clock)
    : FailureThrottle(settings.AdminFailuresPerMinute, clock);
