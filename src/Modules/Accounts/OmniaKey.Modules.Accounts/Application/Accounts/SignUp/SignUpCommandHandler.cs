using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

/// <summary>
/// Signs a customer up. The Restricted Territory is checked first, on the declared country and the client IP: a
/// denial creates nothing (the endpoint records it after this command rolled back); an allow is recorded with the
/// new account, in the same transaction.
/// </summary>
internal sealed class SignUpCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    IDispatcher dispatcher,
    TimeProvider clock) : ICommandHandler<SignUpCommand, SignUpResult>
{
    public async Task<SignUpResult> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        var decision = RestrictedTerritoryException.ThrowIfDenied(
            await dispatcher.Query(new EvaluateAccessQuery(AccessSurfaces.SignUp, command.IpAddress, command.Country), cancellationToken));

        // The version in force, or a published later one; anything else is a 400 naming terms_version.
        var terms = await dispatcher.Query(new GetTermsForSignUpQuery(command.TermsVersion), cancellationToken);

        var email = Account.NormalizeEmail(command.Email);
        if (await accounts.EmailExistsAsync(email, cancellationToken))
        {
            throw new ConflictException("email_taken", "An account with this e-mail address already exists.");
        }

        var now = clock.GetUtcNow();
        var eligibility = new EligibilityStatement(terms.Version, now, command.IpAddress);
        var account = Account.SignUp(email, command.Country, passwords.Hash(command.Password), eligibility, now);
        accounts.Add(account);
        await dispatcher.Send(new RecordSignUpAcceptanceCommand(account.Id, terms.Version, command.IpAddress), cancellationToken);
        await dispatcher.Send(new RecordAccessDecisionCommand(decision with { AccountId = account.Id }), cancellationToken);
        return new SignUpResult(account.Id, account.Email);
    }
}
