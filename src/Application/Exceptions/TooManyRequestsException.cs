namespace OmniaKey.Application.Exceptions;

/// <summary>
/// 429: the caller must wait <see cref="RetryAfter"/> before trying again (sent as <c>Retry-After</c>, whole seconds,
/// rounded up). Codes: <c>rate_limit_exceeded</c> (a rate limit), <c>login_locked</c> (a log-in lock-out).
/// </summary>
public sealed class TooManyRequestsException(string code, string message, TimeSpan retryAfter) : AppException(code, message)
{
    public const string RateLimitExceeded = "rate_limit_exceeded";

    public TimeSpan RetryAfter { get; } = retryAfter;
}
