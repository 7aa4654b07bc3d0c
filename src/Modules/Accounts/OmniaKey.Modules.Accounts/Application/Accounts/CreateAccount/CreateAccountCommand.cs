using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;

/// <summary>An operator opens an account for a customer (no password yet).</summary>
internal sealed record CreateAccountCommand(string Email, string Country) : ICommand<AccountDto>;
