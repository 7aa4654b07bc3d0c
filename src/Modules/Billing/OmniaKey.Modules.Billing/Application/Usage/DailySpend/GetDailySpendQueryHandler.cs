using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage.DailySpend;

internal sealed class GetDailySpendQueryHandler(IUsageRepository usage, IPendingSettlements pending)
    : IQueryHandler<GetDailySpendQuery, IReadOnlyList<DailySpendDto>>
{
    public async Task<IReadOnlyList<DailySpendDto>> Handle(GetDailySpendQuery query, CancellationToken cancellationToken)
    {
        // As every money read: settlements already queued for the account are applied first (ADR 0019).
        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        var days = Enumerable.Range(0, query.Days).Select(query.FirstDay.AddDays).ToList();
        var boundaries = Enumerable.Range(0, query.Days + 1).Select(i => StartOfUtcDay(query.FirstDay.AddDays(i))).ToList();
        var spent = (await usage.SpendPerPeriodAsync(query.AccountId, boundaries, cancellationToken)).ToDictionary(p => p.Period);
        return days.Select((day, i) => spent.TryGetValue(i, out var period)
            ? new DailySpendDto(day, period.ChargedNanoUsd, period.Calls)
            : new DailySpendDto(day, 0, 0)).ToList();
    }

    private static DateTimeOffset StartOfUtcDay(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
