namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// The calling key's rate limits, if it has any (from the cached key, as <see cref="KeyBudget"/>), and what this call
/// counts against its tokens per minute. Billing counts them in the database with the hold, so they are exact across
/// instances (docs/adr/0041-exact-key-limits-through-the-group-commit.md): the key's reservations created in the last
/// minute are its requests (and, by their tokens, its tokens) of the minute, and its reservations still held are its
/// calls in flight.
/// </summary>
public sealed record KeyRateLimit(long? RequestsPerMinute, long? TokensPerMinute, int? MaxConcurrentRequests, long Tokens)
{
    /// <summary>The window of the per-minute counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The key's requests, tokens or calls in flight, counted across every instance, leave no room for this call: nothing
/// was held, and the call must not reach the upstream (answered on <c>/v1</c> as 429 <c>rate_limit_exceeded</c>).
/// <see cref="Type"/> is OpenAI's <c>requests</c> or <c>tokens</c>.
/// </summary>
public sealed class KeyRateLimitedException(string type, string message, int retryAfterSeconds) : Exception(message)
{
    public string Type { get; } = type;

    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
