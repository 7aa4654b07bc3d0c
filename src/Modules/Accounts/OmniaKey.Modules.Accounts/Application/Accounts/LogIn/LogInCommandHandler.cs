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
/// the endpoint records a denial after this command rolled back, an allow commits with it). The lock-out (shared by
/// every instance, docs/adr/0046) and the per-e-mail limit come first; a failure is counted after this command
/// rolled back (LogInDispatcherExtensions). An unknown address is verified against a dummy hash and counted like a
/// known one, so neither the answer nor its timing says whether the address has an account (docs/adr/0030).
/// </summary>
internal sealed class LogInCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    UnknownAccountPassword unknownAccount,
    IAuthAttemptLimits limits,
    ILogInLockouts lockouts,
    IAccessTokenIssuer tokens,
    IDispatcher dispatcher)
    : ICommandHandler<LogInCommand, LogInResult>
{
    /// <summary>The code of a wrong password or unknown address: the failure the lock-out counts.</summary>
    public const string InvalidCredentials = "invalid_credentials";

    public async Task<LogInResult> Handle(LogInCommand command, CancellationToken cancellationToken)
    {
        var email = Account.NormalizeEmail(command.Email);
        await lockouts.ThrowIfLockedAsync(email, cancellationToken);
        limits.BeginLogIn(email);
        var account = await accounts.FindByEmailAsync(email, cancellationToken);

        // One answer, and one slow verification, for "no such account" and "wrong password".
        var verified = passwords.Verify(account?.PasswordHash ?? unknownAccount.Hash, command.Password);
        if (account?.PasswordHash is null || !verified)
        {
            // Counted by LogInDispatcherExtensions in a command of its own: this transaction rolls back.
            throw new UnauthorizedException("The e-mail address or password is incorrect.", InvalidCredentials);
        }

        await lockouts.ResetAsync(email, cancellationToken);
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
