using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Usage.DailySpend;

/// <summary>
/// What an account was charged on each UTC day from <see cref="FirstDay"/> for <see cref="Days"/> days (the console's
/// spend chart): one entry per day, oldest first, days without usage at zero.
/// </summary>
internal sealed record GetDailySpendQuery(Guid AccountId, DateOnly FirstDay, int Days) : IQuery<IReadOnlyList<DailySpendDto>>
{
    /// <summary>A year at most: each day is a parameter of the aggregate query.</summary>
    public const int MaximumDays = 366;
}

/// <summary>One UTC day's charged total (nano-USD) and number of calls.</summary>
internal sealed record DailySpendDto(DateOnly Day, long ChargedNanoUsd, long Calls);
