using FluentValidation;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ResolveReview;

internal sealed class ResolveReviewCommandValidator : AbstractValidator<ResolveReviewCommand>
{
    public ResolveReviewCommandValidator()
    {
        RuleFor(c => c.Outcome).Must(o => o is ResolveReviewCommand.Allow or ResolveReviewCommand.Terminate)
            .WithMessage("must be \"allow\" or \"terminate\"");
        RuleFor(c => c.Note).NotEmpty().MaximumLength(1000);
        RuleFor(c => c.ResolvedBy).NotEmpty().MaximumLength(100);
    }
}
