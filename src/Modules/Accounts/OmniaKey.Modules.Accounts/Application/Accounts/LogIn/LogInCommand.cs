using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

internal sealed record LogInCommand(string Email, string Password) : ICommand<LogInResult>;

internal sealed record LogInResult(string AccessToken, DateTimeOffset ExpiresAt, Guid AccountId);
