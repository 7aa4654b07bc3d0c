using FluentValidation;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.RecordAccessDecision;

internal sealed class RecordAccessDecisionCommandValidator : AbstractValidator<RecordAccessDecisionCommand>
{
    public RecordAccessDecisionCommandValidator()
    {
        RuleFor(c => c.Decision).NotNull();
        RuleFor(c => c.Decision.Surface).Must(AccessSurfaces.All.Contains).WithMessage($"must be one of {string.Join(", ", AccessSurfaces.All)}");
        RuleFor(c => c.Decision.Outcome).Must(AccessOutcomes.All.Contains).WithMessage($"must be one of {string.Join(", ", AccessOutcomes.All)}");
    }
}
