using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccount;

internal sealed class GetAccountQueryHandler(IAccountRepository accounts, IDispatcher dispatcher)
    : IQueryHandler<GetAccountQuery, AccountDto>
{
    public async Task<AccountDto> Handle(GetAccountQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(query.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {query.AccountId} does not exist.");
        var balance = await dispatcher.Query(new GetBalanceQuery(account.Id), cancellationToken);
        return AccountMapping.ToDto(account, balance);
    }
}
