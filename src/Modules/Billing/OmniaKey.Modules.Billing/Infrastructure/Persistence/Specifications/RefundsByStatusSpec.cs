using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>Every refund of one account in one status, oldest first (e.g. the pending ones a termination denies).</summary>
internal sealed class RefundsByStatusSpec : Specification<Refund>
{
    public RefundsByStatusSpec(Guid accountId, RefundStatus status)
    {
        Query.Where(r => r.AccountId == accountId && r.Status == status);
        Query.OrderBy(r => r.CreatedAt);
        Query.AsNoTracking();
    }
}
