using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Application.Balances;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage.KeyUsage;

internal sealed class GetKeyUsageQueryHandler(IUsageRepository usage, IPendingSettlements pending)
    : IQueryHandler<GetKeyUsageQuery, IReadOnlyList<KeyUsageDto>>
{
    public async Task<IReadOnlyList<KeyUsageDto>> Handle(GetKeyUsageQuery query, CancellationToken cancellationToken)
    {
        if (query.KeyIds.Count == 0)
        {
            return [];
        }

        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        var totals = await usage.KeyTotalsAsync(query.AccountId, query.KeyIds, cancellationToken);
        return totals.Select(t => new KeyUsageDto(t.KeyId, Money.FromNanoUsd(t.ChargedNanoUsd).ToString(), t.LastUsedAt)).ToList();
    }
}
