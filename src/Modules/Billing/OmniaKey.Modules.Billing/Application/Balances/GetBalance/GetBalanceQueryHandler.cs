using OmniaKey.Application.Messaging;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;

namespace OmniaKey.Modules.Billing.Application.Balances.GetBalance;

internal sealed class GetBalanceQueryHandler(IBalanceStore balances, IPendingSettlements pending) : IQueryHandler<GetBalanceQuery, BalanceDto>
{
    public async Task<BalanceDto> Handle(GetBalanceQuery query, CancellationToken cancellationToken)
    {
        await pending.WaitForAccountAsync(query.AccountId, cancellationToken);
        var balance = await balances.FindAsync(query.AccountId, cancellationToken);
        return new BalanceDto(
            (balance?.Available ?? Money.Zero).ToString(),
            (balance?.Reserved ?? Money.Zero).ToString());
    }
}
