using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccount;

public sealed record GetAccountQuery(Guid AccountId) : IQuery<AccountDto>;
