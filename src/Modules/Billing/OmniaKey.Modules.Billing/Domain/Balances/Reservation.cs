using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>
/// A hold on an account's balance for one in-flight call, identified by the call's request id. It is closed
/// exactly once — settled by the call, or expired by the clean-up job when the call's process never settled it —
/// guarded by a conditional update on <see cref="Status"/>.
/// </summary>
internal sealed class Reservation
{
    public Reservation(
        string id,
        Guid accountId,
        Guid keyId,
        Money amount,
        DateTimeOffset createdAt,
        DateTimeOffset expiresAt,
        string? model = null,
        string? provider = null,
        string? budgetPeriod = null,
        DateTimeOffset? budgetPeriodStart = null,
        long? rateTokens = null)
    {
        RateTokens = rateTokens;
        BudgetPeriod = budgetPeriod;
        BudgetPeriodStart = budgetPeriodStart;
        Id = id;
        AccountId = accountId;
        KeyId = keyId;
        Amount = amount;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Model = model;
        Provider = provider;
        Status = ReservationStatus.Held;
    }

    public string Id { get; private set; }

    public Guid AccountId { get; private set; }

    public Guid KeyId { get; private set; }

    public Money Amount { get; private set; }

    public ReservationStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>After this the call is presumed dead (the TTL is far beyond the relay's own deadline).</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The model called, so that an expired hold can still be shown against it; null on old rows.</summary>
    public string? Model { get; private set; }

    public string? Provider { get; private set; }

    /// <summary>
    /// The key budget row this hold also reserved on (with <see cref="KeyId"/>), or null when the key had no budget:
    /// settlement and expiry move that row's money with the balance's.
    /// </summary>
    public string? BudgetPeriod { get; private set; }

    public DateTimeOffset? BudgetPeriodStart { get; private set; }

    /// <summary>
    /// For a key with a rate limit, the tokens this call counts against its tokens-per-minute (the admission estimate,
    /// then the tokens billed once settled); null for other keys. The key's reservations of the last minute are its
    /// request and token counts, its still-held ones its calls in flight (docs/adr/0041-exact-key-limits-through-the-group-commit.md).
    /// </summary>
    public long? RateTokens { get; private set; }

    /// <summary>True once the call recorded partial usage (an <c>in_progress</c> usage record) to settle from.</summary>
    public bool ProgressRecorded { get; private set; }
}

internal enum ReservationStatus
{
    Held,
    Settled,
    Released,

    /// <summary>Closed by the clean-up job after its TTL: the hold went back, partial usage (if any) was charged.</summary>
    Expired,
}
