using FluentValidation;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.SelfService;

/// <summary>
/// <c>POST /api/v1/account/close {password}</c>: the customer ends the account. It is terminated through the
/// operators' path (not a material breach, so Billing refunds the unused paid balance once the outbox delivers the
/// termination), then anonymised in the same transaction; every session and key stops at once.
/// </summary>
internal sealed record CloseAccountCommand(Guid AccountId, string Password) : ICommand;

internal sealed class CloseAccountCommandValidator : AbstractValidator<CloseAccountCommand>
{
    public CloseAccountCommandValidator() => RuleFor(c => c.Password).NotEmpty();
}

internal sealed class CloseAccountCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    IDispatcher dispatcher,
    IAccountMail mail,
    TimeProvider clock) : ICommandHandler<CloseAccountCommand>
{
    public const string Reason = "Closed by the customer";

    public async Task Handle(CloseAccountCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        if (account.PasswordHash is null || !passwords.Verify(account.PasswordHash, command.Password))
        {
            throw new RequestValidationException("password", "is incorrect");
        }

        var address = account.Email;
        await dispatcher.Send(new TerminateAccountCommand(account.Id, Reason, MaterialBreach: false), cancellationToken);
        var now = clock.GetUtcNow();
        account.Anonymise(now);
        mail.SendClosingConfirmationAfterCommit(address, now);
    }
}
