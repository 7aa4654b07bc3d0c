using FluentValidation;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Passwords;

/// <summary>
/// <c>POST /api/v1/auth/password-reset {email}</c>: mails a reset link when an open account has that address, and
/// otherwise does nothing — the endpoint answers the same 202 either way, and the e-mail leaves in the background, so
/// neither the answer nor its timing tells whether the address has an account.
/// </summary>
internal sealed record RequestPasswordResetCommand(string Email) : ICommand;

internal sealed class RequestPasswordResetCommandValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetCommandValidator() => RuleFor(c => c.Email).ValidEmail();
}

internal sealed class RequestPasswordResetCommandHandler(IAccountRepository accounts, TokenMailing mailing)
    : ICommandHandler<RequestPasswordResetCommand>
{
    public async Task Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(Account.NormalizeEmail(command.Email), cancellationToken);
        if (account is null || account.Status == AccountStatus.Terminated)
        {
            return;
        }

        await mailing.IssueAndSendAsync(account, AccountTokenPurpose.PasswordReset, cancellationToken);
    }
}
