using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

/// <summary>Log-in works before the e-mail address is verified; terminated accounts cannot log in.</summary>
internal sealed class LogInCommandHandler(IAccountRepository accounts, IPasswordHasher passwords, IAccessTokenIssuer tokens)
    : ICommandHandler<LogInCommand, LogInResult>
{
    public async Task<LogInResult> Handle(LogInCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(Account.NormalizeEmail(command.Email), cancellationToken);

        // One answer for "no such account" and "wrong password", so log-in cannot be used to probe for e-mails.
        if (account?.PasswordHash is null || !passwords.Verify(account.PasswordHash, command.Password))
        {
            throw new UnauthorizedException("The e-mail address or password is incorrect.", "invalid_credentials");
        }

        if (account.Status == AccountStatus.Terminated)
        {
            throw new ForbiddenException("account_terminated", "This account has been terminated.");
        }

        var token = tokens.Issue(account.Id);
        return new LogInResult(token.Token, token.ExpiresAt, account.Id);
    }
}
