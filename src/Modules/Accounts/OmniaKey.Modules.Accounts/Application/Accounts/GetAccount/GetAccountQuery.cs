using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccount;

internal sealed record GetAccountQuery(Guid AccountId) : IQuery<AccountDto>;
