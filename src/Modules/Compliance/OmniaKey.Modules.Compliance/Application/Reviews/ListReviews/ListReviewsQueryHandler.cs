using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Paging;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ListReviews;

internal sealed class ListReviewsQueryHandler(IComplianceReviewRepository reviews) : IQueryHandler<ListReviewsQuery, PageDto<ReviewDto>>
{
    public async Task<PageDto<ReviewDto>> Handle(ListReviewsQuery query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var position);
        var after = position is { } p ? new ReviewPosition(p.Rank == 0, p.At, p.Id) : null;
        var limit = query.Limit ?? ListReviewsQuery.DefaultLimit;
        var rows = await reviews.ListAsync(query.Status, after, limit + 1, cancellationToken);
        var page = rows.Take(limit).ToList();
        var last = page.LastOrDefault();
        var next = rows.Count > limit && last is not null
            ? PageCursor.Encode(last.Status == ComplianceReview.Open ? 0 : 1, last.OpenedAt, last.Id)
            : null;
        return new PageDto<ReviewDto>([.. page.Select(ReviewDto.From)], next);
    }
}
