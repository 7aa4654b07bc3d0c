using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews.GetReview;

/// <summary>One compliance review (<c>GET /admin/v1/compliance/reviews/{id}</c>, and the audit trail's "before").</summary>
internal sealed record GetReviewQuery(Guid ReviewId) : IQuery<ReviewDto>;

internal sealed class GetReviewQueryHandler(IComplianceReviewRepository reviews) : IQueryHandler<GetReviewQuery, ReviewDto>
{
    public async Task<ReviewDto> Handle(GetReviewQuery query, CancellationToken cancellationToken) =>
        ReviewDto.From(await reviews.FindAsync(query.ReviewId, cancellationToken)
            ?? throw new NotFoundException("review_not_found", $"Review {query.ReviewId} does not exist."));
}
