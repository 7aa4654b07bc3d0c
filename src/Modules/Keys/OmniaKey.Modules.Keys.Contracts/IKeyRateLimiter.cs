namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>
/// The per-key rate limits of the hot path (<c>rpm_limit</c>, <c>tpm_limit</c>, <c>max_concurrent_requests</c>),
/// counted in this process's memory: exact on one instance, per instance when there are several
/// (docs/adr/0028-per-key-limits.md).
/// </summary>
public interface IKeyRateLimiter
{
    /// <summary>
    /// Admits one call of the key, counting one request, <paramref name="tokens"/> tokens and one concurrent call, or
    /// refuses it without counting anything. A key without rate limits is admitted without any bookkeeping.
    /// </summary>
    KeyRateDecision TryAdmit(ApiKeyIdentity key, long tokens);
}

/// <summary>Either a lease (admitted) or a refusal.</summary>
public sealed record KeyRateDecision(IKeyCallLease? Lease, KeyRateRefusal? Refusal, KeyRateState State);

/// <summary>
/// An admitted call's place in its key's counters. <see cref="Complete"/> when the call ends (its tokens corrected to
/// what it really used); <see cref="Abandon"/> when it was refused after all (nothing counted). Either frees the
/// concurrency slot; only the first of the two counts, so calling both, or twice, is harmless.
/// </summary>
public interface IKeyCallLease
{
    void Complete(long tokensUsed);

    void Abandon();
}

/// <summary>Why a call was refused: <see cref="Type"/> is OpenAI's <c>requests</c> or <c>tokens</c>.</summary>
public sealed record KeyRateRefusal(string Type, string Message, int RetryAfterSeconds);

/// <summary>
/// The counters as OpenAI's <c>x-ratelimit-*</c> headers report them, for the limits the key has (null otherwise).
/// The reset is how long until the oldest counted request or token leaves the one-minute window.
/// </summary>
public sealed record KeyRateState(
    long? RequestLimit,
    long RemainingRequests,
    TimeSpan ResetRequests,
    long? TokenLimit,
    long RemainingTokens,
    TimeSpan ResetTokens)
{
    public static KeyRateState Unlimited { get; } = new(null, 0, TimeSpan.Zero, null, 0, TimeSpan.Zero);
}
