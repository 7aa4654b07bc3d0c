using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.FindAccounts;

/// <summary>Finds accounts by e-mail address (exact, case-insensitive).</summary>
public sealed record FindAccountsQuery(string Email) : IQuery<IReadOnlyList<AccountDto>>;
