using Ardalis.Specification;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Infrastructure.Persistence.Specifications;

/// <summary>
/// Up to <c>limit</c> reviews (of one status, or all), open ones first, then newest first, strictly after a keyset
/// position (rank 0 = open, 1 = resolved).
/// </summary>
internal sealed class ReviewPageSpec : Specification<ComplianceReview>
{
    public ReviewPageSpec(string? status, ReviewPosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (status is not null)
        {
            Query.Where(r => r.Status == status);
        }

        if (after is not null)
        {
            var rank = after.IsOpen ? 0 : 1;
            Query.Where(r => (r.Status == ComplianceReview.Open ? 0 : 1) > rank
                || ((r.Status == ComplianceReview.Open ? 0 : 1) == rank
                    && (r.OpenedAt < after.OpenedAt || (r.OpenedAt == after.OpenedAt && r.Id.CompareTo(after.Id) < 0))));
        }

        Query.OrderBy(r => r.Status == ComplianceReview.Open ? 0 : 1).ThenByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
