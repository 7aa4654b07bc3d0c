using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

/// <summary>
/// Signs a customer up. The Restricted Territory is checked first, on the declared country and the client IP: a
/// denial creates nothing (the endpoint records it after this command rolled back); an allow is recorded with the
/// new account, in the same transaction. The address counts against its per-e-mail limit first; a taken address gets
/// the same answer as a free one (docs/adr/0030).
/// </summary>
internal sealed class SignUpCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    IAuthAttemptLimits limits,
    ISignUpAttemptNotices notices,
    IDispatcher dispatcher,
    TimeProvider clock) : ICommandHandler<SignUpCommand, SignUpResult>
{
    public async Task<SignUpResult> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        limits.BeginSignUp(Account.NormalizeEmail(command.Email));
        var decision = RestrictedTerritoryException.ThrowIfDenied(
            await dispatcher.Query(new EvaluateAccessQuery(AccessSurfaces.SignUp, command.IpAddress, command.Country), cancellationToken));

        // The version in force, or a published later one; anything else is a 400 naming terms_version.
        var terms = await dispatcher.Query(new GetTermsForSignUpQuery(command.TermsVersion), cancellationToken);

        var email = Account.NormalizeEmail(command.Email);
        var now = clock.GetUtcNow();
        if (await accounts.EmailExistsAsync(email, cancellationToken))
        {
            // Answered like a fresh sign-up, after the same slow hash, so the answer does not tell whether the address
            // is registered; nothing is stored, and the owner is told by e-mail (docs/adr/0030).
            _ = passwords.Hash(command.Password);
            await dispatcher.Send(new RecordAccessDecisionCommand(decision), cancellationToken);
            notices.EnqueueAfterCommit(email);
            return new SignUpResult(Guid.CreateVersion7(now), email);
        }

        var eligibility = new EligibilityStatement(terms.Version, now, command.IpAddress);
        var account = Account.SignUp(email, command.Country, passwords.Hash(command.Password), eligibility, now);
        accounts.Add(account);
        await dispatcher.Send(new RecordSignUpAcceptanceCommand(account.Id, terms.Version, command.IpAddress), cancellationToken);
        await dispatcher.Send(new RecordAccessDecisionCommand(decision with { AccountId = account.Id }), cancellationToken);
        return new SignUpResult(account.Id, account.Email);
    }
}
