using OmniaKey.Domain.Money;

namespace OmniaKey.Modules.Billing.Contracts;

/// <summary>
/// A key's spend limit: at most <paramref name="Limit"/> charged to the key per <paramref name="Period"/> (UTC),
/// held and settled together with the balance (docs/adr/0033-key-budgets.md).
/// </summary>
public sealed record KeyBudget(Money Limit, KeyBudgetPeriod Period)
{
    /// <summary>The start of the period that contains <paramref name="time"/>; <c>total</c> has one period, forever.</summary>
    public DateTimeOffset PeriodStart(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return Period switch
        {
            KeyBudgetPeriod.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            KeyBudgetPeriod.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => DateTimeOffset.UnixEpoch,
        };
    }
}

/// <summary>The period a key budget resets after: never (<c>total</c>), each UTC day, or each UTC month.</summary>
public enum KeyBudgetPeriod
{
    Total,
    Day,
    Month,
}

/// <summary>
/// The calling key's budget for the current period cannot cover the call's minimum hold: nothing was held, and the
/// call must not reach the upstream (answered on <c>/v1</c> as 402 <c>key_spend_limit_reached</c>).
/// </summary>
public sealed class KeySpendLimitReachedException(Money limit, Money remaining)
    : Exception($"The key's spend limit of {limit} USD for this period has {remaining} USD left.")
{
    public Money Limit { get; } = limit;

    public Money Remaining { get; } = remaining;
}
