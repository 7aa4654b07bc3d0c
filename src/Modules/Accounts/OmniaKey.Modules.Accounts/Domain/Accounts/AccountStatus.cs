namespace OmniaKey.Modules.Accounts.Domain.Accounts;

internal enum AccountStatus
{
    Active,
    Suspended,
    Terminated,
}
