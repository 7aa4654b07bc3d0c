using FluentValidation;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Verification;

/// <summary><c>POST /api/v1/auth/verify-email {token}</c>: no session needed, the token is the proof.</summary>
internal sealed record VerifyEmailCommand(string Token) : ICommand;

internal sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

internal sealed class VerifyEmailCommandHandler(IAccountRepository accounts, TokenMailing mailing, TimeProvider clock)
    : ICommandHandler<VerifyEmailCommand>
{
    public async Task Handle(VerifyEmailCommand command, CancellationToken cancellationToken)
    {
        var token = await mailing.RedeemAsync(command.Token, [AccountTokenPurpose.EmailVerification], cancellationToken);
        var account = await accounts.FindAsync(token.AccountId, cancellationToken);
        if (account is null || account.Status == AccountStatus.Terminated)
        {
            throw new RequestValidationException("token", "is invalid, expired or already used; ask for a new e-mail");
        }

        account.MarkEmailVerified(clock.GetUtcNow());
    }
}
