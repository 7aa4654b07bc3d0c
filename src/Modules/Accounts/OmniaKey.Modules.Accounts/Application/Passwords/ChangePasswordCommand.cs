using FluentValidation;
using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Domain.Accounts;

namespace OmniaKey.Modules.Accounts.Application.Passwords;

/// <summary>
/// <c>POST /api/v1/account/password</c>: needs the current password; ends every session (whoever else knew the old
/// password is signed out) and answers a fresh access token for the caller.
/// </summary>
internal sealed record ChangePasswordCommand(Guid AccountId, string CurrentPassword, string NewPassword) : ICommand<LogInResult>;

internal sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty();
        RuleFor(c => c.NewPassword).ValidNewPassword();
    }
}

internal sealed class ChangePasswordCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    IAccessTokenIssuer tokens,
    TimeProvider clock) : ICommandHandler<ChangePasswordCommand, LogInResult>
{
    public async Task<LogInResult> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        if (account.PasswordHash is null || !passwords.Verify(account.PasswordHash, command.CurrentPassword))
        {
            throw new RequestValidationException("current_password", "is incorrect");
        }

        account.ChangePasswordHash(passwords.Hash(command.NewPassword), clock.GetUtcNow());
        var token = tokens.Issue(account.Id, account.SessionGeneration);
        return new LogInResult(token.Token, token.ExpiresAt, account.Id);
    }
}
