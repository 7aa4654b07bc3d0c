using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Compliance.Application.Paging;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ListReviews;

/// <summary>The review queue: open reviews first, each group newest first; optionally one <see cref="Status"/>.</summary>
internal sealed record ListReviewsQuery(string? Status, int? Limit, string? Cursor) : IQuery<PageDto<ReviewDto>>
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;
}
