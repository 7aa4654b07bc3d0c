using FluentValidation;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Passwords;

/// <summary>
/// <c>POST /api/v1/auth/password-reset/confirm {token, new_password}</c>, for a reset link and for an operator's
/// invitation alike: sets the password, ends every session, and — the link having reached the mailbox — counts the
/// e-mail address as verified.
/// </summary>
internal sealed record SetPasswordWithTokenCommand(string Token, string NewPassword) : ICommand;

internal sealed class SetPasswordWithTokenCommandValidator : AbstractValidator<SetPasswordWithTokenCommand>
{
    public SetPasswordWithTokenCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.NewPassword).ValidNewPassword();
    }
}

internal sealed class SetPasswordWithTokenCommandHandler(
    IAccountRepository accounts,
    IPasswordHasher passwords,
    TokenMailing mailing,
    TimeProvider clock) : ICommandHandler<SetPasswordWithTokenCommand>
{
    private static readonly AccountTokenPurpose[] Purposes = [AccountTokenPurpose.PasswordReset, AccountTokenPurpose.Invitation];

    public async Task Handle(SetPasswordWithTokenCommand command, CancellationToken cancellationToken)
    {
        var token = await mailing.RedeemAsync(command.Token, Purposes, cancellationToken);
        var account = await accounts.FindAsync(token.AccountId, cancellationToken);
        if (account is null || account.Status == AccountStatus.Terminated)
        {
            throw new RequestValidationException("token", "is invalid, expired or already used; ask for a new e-mail");
        }

        var now = clock.GetUtcNow();
        account.ChangePasswordHash(passwords.Hash(command.NewPassword), now);
        account.MarkEmailVerified(now);
    }
}
