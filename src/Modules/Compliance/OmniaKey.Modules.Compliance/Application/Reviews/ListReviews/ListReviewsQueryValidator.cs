using FluentValidation;
using OmniaKey.Modules.Compliance.Application.Paging;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ListReviews;

internal sealed class ListReviewsQueryValidator : AbstractValidator<ListReviewsQuery>
{
    public ListReviewsQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => ComplianceReview.Statuses.Contains(s!)).When(q => q.Status is not null)
            .WithMessage($"must be one of {string.Join(", ", ComplianceReview.Statuses)}");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListReviewsQuery.MaximumLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c, out _)).WithMessage("is not a cursor returned by this list");
    }
}
