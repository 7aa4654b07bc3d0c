using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// The hot-path money movements of one API call: hold the estimated cost before the upstream call, then settle the
/// real cost (or release the hold) exactly once. A narrow interface rather than commands so the relay pays for
/// nothing but the SQL it needs.
/// </summary>
public interface IBalanceReservations
{
    /// <summary>
    /// Holds <see cref="ReservationRequest.Desired"/> if the available balance covers it, otherwise as much as it
    /// covers, but never less than <see cref="ReservationRequest.Minimum"/>. Returns the amount held, or null when
    /// not even the minimum is there. Each attempt is one conditional update; a lost race is retried once. With a
    /// <see cref="ReservationRequest.Budget"/>, the key's budget for the current period must cover the hold too, and
    /// is reserved in the same transaction (both or neither).
    /// </summary>
    /// <exception cref="KeySpendLimitReachedException">The key's budget cannot cover even the minimum; nothing is held.</exception>
    /// <exception cref="KeyRateLimitedException">The key's rate limits leave no room for the call; nothing is held.</exception>
    Task<Money?> TryReserveUpToAsync(ReservationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Records what a still-running call has used so far (its usage record, status <c>in_progress</c>), so that if
    /// the process dies the clean-up job charges that instead of releasing the hold for free. Moves no money; the
    /// final <see cref="SettleAsync"/> replaces it. Ignored once the reservation is closed.
    /// </summary>
    Task RecordProgressAsync(CallSettlement progress, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the hold, charges the cost and writes the usage record, in one transaction, exactly once. If the
    /// clean-up job already released an expired hold, only what it did not charge is taken (from the available
    /// balance), so the call still costs its cost once. Returns what this settlement moved.
    /// </summary>
    Task<Money> SettleAsync(CallSettlement settlement, CancellationToken cancellationToken);
}

/// <summary>
/// A hold to place before a call: at most <paramref name="Desired"/>, at least <paramref name="Minimum"/>. The model
/// and provider let a hold that is never settled (a crashed process) still be recorded against the right model.
/// <paramref name="Budget"/> is the calling key's spend limit, if it has one (from the cached key, so Billing needs
/// no look-up of the key; a changed limit applies to the next hold). <paramref name="Rate"/> is its rate limits, if it
/// has any, counted with the hold (<see cref="KeyRateLimit"/>).
/// </summary>
public sealed record ReservationRequest(
    string RequestId,
    Guid AccountId,
    Guid KeyId,
    string Model,
    string Provider,
    Money Desired,
    Money Minimum,
    KeyBudget? Budget = null,
    KeyRateLimit? Rate = null);

/// <summary>What one API call used and what it cost, as known after the upstream answered (or failed).</summary>
public sealed record CallSettlement(
    string RequestId,
    Guid AccountId,
    Guid KeyId,
    string Model,
    string Provider,
    TokenUsage Usage,
    Money Cost,
    int LatencyMs,
    string Status,
    string UsageSource,
    PriceSnapshot? Prices = null);

/// <summary>
/// The prices a call was charged at (USD nano per million tokens), and the promotion that set them, if any — kept on
/// the usage record so that a bill can be explained after prices change.
/// </summary>
public sealed record PriceSnapshot(
    long InputNanoUsdPerMillion,
    long OutputNanoUsdPerMillion,
    long CacheReadNanoUsdPerMillion,
    long CacheWriteNanoUsdPerMillion,
    Guid? PromotionId,
    string? PromotionName);

/// <summary>Token counts of a call. Cached input is part of input; reasoning is part of output.</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens, long CacheReadTokens, long CacheWriteTokens, long ReasoningTokens)
{
    public static TokenUsage None { get; } = new(0, 0, 0, 0, 0);
}
