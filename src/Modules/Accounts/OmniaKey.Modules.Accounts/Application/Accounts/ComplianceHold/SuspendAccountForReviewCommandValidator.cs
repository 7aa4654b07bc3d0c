using FluentValidation;
using OmniaKey.Modules.Accounts.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ComplianceHold;

internal sealed class SuspendAccountForReviewCommandValidator : AbstractValidator<SuspendAccountForReviewCommand>
{
    public SuspendAccountForReviewCommandValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
}
