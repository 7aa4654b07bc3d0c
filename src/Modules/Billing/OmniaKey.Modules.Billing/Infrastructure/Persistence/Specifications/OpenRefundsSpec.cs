using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>
/// The refunds of one account that still claim part of its paid top-ups: the ones <see cref="Refund.IsOpen"/> calls
/// open, written out as statuses because a computed property cannot be translated to SQL.
/// </summary>
internal sealed class OpenRefundsSpec : Specification<Refund>
{
    public OpenRefundsSpec(Guid accountId)
    {
        Query.Where(r => r.AccountId == accountId
            && (r.Status == RefundStatus.PendingApproval || r.Status == RefundStatus.Approved || r.Status == RefundStatus.Processing));
        Query.AsNoTracking();
    }
}
