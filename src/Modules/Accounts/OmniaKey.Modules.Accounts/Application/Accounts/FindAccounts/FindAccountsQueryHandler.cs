using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.FindAccounts;

internal sealed class FindAccountsQueryHandler(IAccountRepository accounts, IDispatcher dispatcher)
    : IQueryHandler<FindAccountsQuery, IReadOnlyList<AccountDto>>
{
    public async Task<IReadOnlyList<AccountDto>> Handle(FindAccountsQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(Account.NormalizeEmail(query.Email), cancellationToken);
        if (account is null)
        {
            return [];
        }

        var balance = await dispatcher.Query(new GetBalanceQuery(account.Id), cancellationToken);
        return [AccountMapping.ToDto(account, balance)];
    }
}
