using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

internal sealed class SignUpCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    IDispatcher dispatcher,
    TimeProvider clock) : ICommandHandler<SignUpCommand, SignUpResult>
{
    public async Task<SignUpResult> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
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
        return new SignUpResult(account.Id, account.Email);
    }
}
