using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogIn;

/// <summary>
/// Log-in works before the e-mail address is verified; terminated accounts cannot log in, nor can anyone from the
/// Restricted Territory (judged by the client IP once the credentials are right, so the decision names the account;
/// the endpoint records a denial after this command rolled back, an allow commits with it). The per-e-mail limit and
/// the lock-out come first, and an unknown address is verified against a dummy hash, so neither the answer nor its
/// timing says whether the address has an account (docs/adr/0030).
/// </summary>
internal sealed class LogInCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    UnknownAccountPassword unknownAccount,
    IAuthAttemptLimits limits,
    IAccessTokenIssuer tokens,
    IDispatcher dispatcher)
    : ICommandHandler<LogInCommand, LogInResult>
{
    public async Task<LogInResult> Handle(LogInCommand command, CancellationToken cancellationToken)
    {
        var email = Account.NormalizeEmail(command.Email);
        limits.BeginLogIn(email);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);

        // One answer, and one slow verification, for "no such account" and "wrong password".
        var verified = passwords.Verify(account?.PasswordHash ?? unknownAccount.Hash, command.Password);
        if (account?.PasswordHash is null || !verified)
        {
            limits.LogInFailed(email);
            throw new UnauthorizedException("The e-mail address or password is incorrect.", "invalid_credentials");
        }

        limits.LogInSucceeded(email);
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
