using FluentValidation;
using OmniaKey.Modules.Compliance.Application.Paging;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.ListDecisions;

internal sealed class ListDecisionsQueryValidator : AbstractValidator<ListDecisionsQuery>
{
    public ListDecisionsQueryValidator()
    {
        RuleFor(q => q.AccountId).Must(id => Guid.TryParse(id, out _)).When(q => q.AccountId is not null).WithMessage("must be a UUID");
        RuleFor(q => q.Outcome).Must(o => AccessOutcomes.All.Contains(o!)).When(q => q.Outcome is not null)
            .WithMessage($"must be one of {string.Join(", ", AccessOutcomes.All)}");
        RuleFor(q => q.Surface).Must(s => AccessSurfaces.All.Contains(s!)).When(q => q.Surface is not null)
            .WithMessage($"must be one of {string.Join(", ", AccessSurfaces.All)}");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListDecisionsQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c, out _)).WithMessage("is not a cursor returned by this list");
    }
}
