using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.FindAccounts;

/// <summary>Finds accounts by e-mail address (exact, case-insensitive).</summary>
internal sealed record FindAccountsQuery(string Email) : IQuery<IReadOnlyList<AccountDto>>;
