using FluentValidation;

namespace OmniaKey.Infrastructure.Audit;

internal sealed class ListAdminActionsQueryValidator : AbstractValidator<ListAdminActionsQuery>
{
    public ListAdminActionsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAdminActionsQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => AuditCursor.TryDecode(c, out _)).WithMessage("is not a cursor returned by this list");
        RuleFor(q => q.Actor).MaximumLength(100);
        RuleFor(q => q.Action).MaximumLength(100);
        RuleFor(q => q.TargetId).MaximumLength(100);
    }
}
