using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts;

internal static class AccountMapping
{
    public static string StatusName(AccountStatus status) => status.ToString().ToLowerInvariant();

    public static AccountDto ToDto(Account account, BalanceDto balance) =>
        new(account.Id, account.Email, StatusName(account.Status), account.Country, account.CreatedAt, balance, account.SuspensionReason);
}
