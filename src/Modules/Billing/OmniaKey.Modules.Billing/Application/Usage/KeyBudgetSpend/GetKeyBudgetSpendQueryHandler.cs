using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Application.Usage.KeyBudgetSpend;

internal sealed class GetKeyBudgetSpendQueryHandler(IKeyBudgetReader budgets, IPendingSettlements pending, TimeProvider clock)
    : IQueryHandler<GetKeyBudgetSpendQuery, IReadOnlyList<KeyBudgetSpendDto>>
{
    public async Task<IReadOnlyList<KeyBudgetSpendDto>> Handle(GetKeyBudgetSpendQuery query, CancellationToken cancellationToken)
    {
        if (query.Keys.Count == 0)
        {
            return [];
        }

        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await budgets.ReadAsync(
            query.AccountId,
            query.Keys.Select(k => (k.KeyId, KeyBudgetPeriods.Name(k.Period), new KeyBudget(Money.Zero, k.Period).PeriodStart(now))).ToList(),
            cancellationToken);
        return rows.Select(r => new KeyBudgetSpendDto(
            r.KeyId, r.PeriodStart, Money.FromNanoUsd(r.SpentNanoUsd).ToString(), Money.FromNanoUsd(r.ReservedNanoUsd).ToString())).ToList();
    }
}
