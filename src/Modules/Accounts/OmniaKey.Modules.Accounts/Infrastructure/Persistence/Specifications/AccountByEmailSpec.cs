using Ardalis.Specification;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Infrastructure.Persistence.Specifications;

/// <summary>
/// The account with an e-mail address, given normalised (<see cref="Account.NormalizeEmail"/>): log-in and the check
/// that an address is still free (the operators' search is <see cref="AccountPageSpec"/>). Tracked, like the
/// repository's other finds, so that a command may change the account it found.
/// </summary>
internal sealed class AccountByEmailSpec : Specification<Account>
{
    public AccountByEmailSpec(string normalizedEmail) => Query.Where(a => a.Email == normalizedEmail);
}
