using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

/// <summary>Logs in from <see cref="IpAddress"/> (the client IP), which is checked against the Restricted Territory.</summary>
internal sealed record LogInCommand(string Email, string Password, string? IpAddress = null) : ICommand<LogInResult>;

internal sealed record LogInResult(string AccessToken, DateTimeOffset ExpiresAt, Guid AccountId);
