using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

public sealed record LogInCommand(string Email, string Password) : ICommand<LogInResult>;

public sealed record LogInResult(string AccessToken, DateTimeOffset ExpiresAt, Guid AccountId);
