using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>The limits a request sets: each absent (unchanged), null (cleared) or a new value.</summary>
internal sealed record KeyLimitsPatch(
    Optional<DateTimeOffset?> ExpiresAt,
    Optional<IReadOnlyList<string>?> AllowedModels,
    Optional<IReadOnlyList<string>?> AllowedIps,
    Optional<int?> RpmLimit,
    Optional<long?> TpmLimit,
    Optional<int?> MaxConcurrentRequests,
    Optional<long?> SpendLimitNanoUsd = default,
    Optional<string?> SpendLimitPeriod = default)
{
    public static KeyLimitsPatch None { get; } = new(default, default, default, default, default, default);

    /// <remarks>
    /// A budget's period defaults to <c>total</c> and is kept when only the amount changes; clearing the amount
    /// (null) clears the budget. A period for a key left without an amount is refused rather than dropped.
    /// </remarks>

    public KeyLimitSettings ApplyTo(KeyLimitSettings current) => new(
        ExpiresAt.Or(current.ExpiresAt),
        AllowedModels.Or(current.AllowedModels),
        AllowedIps.Or(current.AllowedIps),
        RpmLimit.Or(current.RpmLimit),
        TpmLimit.Or(current.TpmLimit),
        MaxConcurrentRequests.Or(current.MaxConcurrentRequests),
        SpendLimit(current),
        SpendLimitNanoUsd.Or(current.SpendLimitNanoUsd) is null ? null : SpendLimitPeriod.Or(current.SpendLimitPeriod) ?? KeySpendPeriods.Total);

    private long? SpendLimit(KeyLimitSettings current)
    {
        var limit = SpendLimitNanoUsd.Or(current.SpendLimitNanoUsd);
        if (limit is null && SpendLimitPeriod is { IsSet: true, Value: not null })
        {
            throw new RequestValidationException("spend_limit_period", "needs spend_limit_usd: this key has no budget to give a period to.");
        }

        return limit;
    }
}
