using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

/// <summary>
/// Log-in works before the e-mail address is verified; terminated accounts cannot log in, nor can anyone from the
/// Restricted Territory (judged by the client IP once the credentials are right, so the decision names the account;
/// the endpoint records a denial after this command rolled back, an allow commits with it).
/// </summary>
internal sealed class LogInCommandHandler(IAccountRepository accounts, IPasswordHasher passwords, IAccessTokenIssuer tokens, IDispatcher dispatcher)
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

        var decision = RestrictedTerritoryException.ThrowIfDenied(
            await dispatcher.Query(new EvaluateAccessQuery(AccessSurfaces.LogIn, command.IpAddress, AccountId: account.Id), cancellationToken));
        await dispatcher.Send(new RecordAccessDecisionCommand(decision), cancellationToken);

        var token = tokens.Issue(account.Id, account.SessionGeneration);
        return new LogInResult(token.Token, token.ExpiresAt, account.Id);
    }
}
