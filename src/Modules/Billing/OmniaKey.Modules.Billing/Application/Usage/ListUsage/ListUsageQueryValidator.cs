using FluentValidation;

namespace OmniaKey.Modules.Billing.Application.Usage.ListUsage;

internal sealed class ListUsageQueryValidator : AbstractValidator<ListUsageQuery>
{
    public ListUsageQueryValidator()
    {
        Include(new UsageFilterValidator());
        RuleFor(q => q.Limit).InclusiveBetween(1, ListUsageQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor)
            .Must(c => UsageCursor.TryDecode(c, out _))
            .WithMessage("is not a cursor returned by this list");
    }
}
