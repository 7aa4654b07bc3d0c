using System.Linq.Expressions;
using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>The ids of up to <c>limit</c> refunds due for processing at a given time, oldest first (the sweep's batch).</summary>
internal sealed class DueRefundsSpec : Specification<Refund, Guid>
{
    public DueRefundsSpec(DateTimeOffset now, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Query.Where(IsDue(now));
        Query.OrderBy(r => r.CreatedAt);
        Query.Take(limit);
        Query.AsNoTracking();
        Query.Select(r => r.Id);
    }

    /// <summary>
    /// Due for processing: approved and not waiting for a retry, or processing with an expired lease (its worker
    /// died or hangs). The claim's conditional update uses the same condition, so the sweep lists what it can claim.
    /// </summary>
    public static Expression<Func<Refund, bool>> IsDue(DateTimeOffset now) =>
        r => (r.Status == RefundStatus.Approved && (r.NextAttemptAt == null || r.NextAttemptAt <= now))
            || (r.Status == RefundStatus.Processing && r.NextAttemptAt <= now);
}
