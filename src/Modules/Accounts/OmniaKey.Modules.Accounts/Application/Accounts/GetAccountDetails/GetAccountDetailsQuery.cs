using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;

/// <summary>The operator's view of one account: the account, its balance, eligibility statement, status reason and keys.</summary>
internal sealed record GetAccountDetailsQuery(Guid AccountId) : IQuery<AccountDetailsDto>;
