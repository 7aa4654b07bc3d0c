using OmniaKey.Modules.Accounts.Contracts;
using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts.TerminateAccount;

internal sealed class TerminateAccountCommandValidator : AbstractValidator<TerminateAccountCommand>
{
    public TerminateAccountCommandValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);

        // Whether the balance is forfeited hangs on it, so it must be said explicitly, never defaulted.
        RuleFor(c => c.MaterialBreach).NotNull().WithMessage("must be true or false");
    }
}
