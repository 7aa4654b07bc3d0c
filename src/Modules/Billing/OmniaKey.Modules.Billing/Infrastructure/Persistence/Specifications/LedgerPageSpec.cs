using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Ledger;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>Up to <c>limit</c> ledger entries of one account, newest first (creation time, then id), strictly after a keyset position.</summary>
internal sealed class LedgerPageSpec : Specification<LedgerEntry>
{
    public LedgerPageSpec(Guid accountId, LedgerPosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Query.Where(e => e.AccountId == accountId);
        if (after is not null)
        {
            // Keyset paging: stable while new entries arrive, and an index range scan on (account_id, created_at).
            Query.Where(e => e.CreatedAt < after.CreatedAt || (e.CreatedAt == after.CreatedAt && e.Id.CompareTo(after.Id) < 0));
        }

        Query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
