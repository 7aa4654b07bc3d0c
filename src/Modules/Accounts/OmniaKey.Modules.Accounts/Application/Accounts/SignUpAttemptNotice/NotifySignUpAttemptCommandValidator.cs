using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;

internal sealed class NotifySignUpAttemptCommandValidator : AbstractValidator<NotifySignUpAttemptCommand>
{
    public NotifySignUpAttemptCommandValidator() => RuleFor(c => c.Email).NotEmpty();
}
