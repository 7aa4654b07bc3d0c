using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Domain.Refunds;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>
/// Up to <c>limit</c> refunds, optionally of one account and one status, newest first (creation time, then id),
/// strictly after a keyset position — the same position and cursor as the ledger's.
/// </summary>
internal sealed class RefundsPageSpec : Specification<Refund>
{
    public RefundsPageSpec(Guid? accountId, RefundStatus? status, LedgerPosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (accountId is { } account)
        {
            Query.Where(r => r.AccountId == account);
        }

        if (status is { } wanted)
        {
            Query.Where(r => r.Status == wanted);
        }

        if (after is not null)
        {
            Query.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }

        Query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
