using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Domain.Balances;

/// <summary>Reads key budget rows (what a key spent and holds in a period) for display; never for a decision.</summary>
internal interface IKeyBudgetReader
{
    Task<IReadOnlyList<KeyBudgetUsage>> ReadAsync(
        Guid accountId, IReadOnlyList<(Guid KeyId, string Period, DateTimeOffset PeriodStart)> rows, CancellationToken cancellationToken);
}

/// <summary>The stored names of <see cref="KeyBudgetPeriod"/>: <c>total</c>, <c>day</c>, <c>month</c>.</summary>
internal static class KeyBudgetPeriods
{
    public static string Name(KeyBudgetPeriod period) => period switch
    {
        KeyBudgetPeriod.Day => "day",
        KeyBudgetPeriod.Month => "month",
        _ => "total",
    };
}
