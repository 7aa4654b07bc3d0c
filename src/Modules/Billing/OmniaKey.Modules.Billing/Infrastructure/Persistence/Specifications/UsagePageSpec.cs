using Ardalis.Specification;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

/// <summary>
/// Up to <c>limit</c> usage records of one account that pass a <see cref="UsageFilter"/>, newest first (creation
/// time, then id), strictly after a keyset position: the page of the usage list, and each batch of the CSV export.
/// </summary>
internal sealed class UsagePageSpec : Specification<UsageRecord>
{
    public UsagePageSpec(Guid accountId, UsageFilter filter, UsagePosition? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Query.Where(u => u.AccountId == accountId);
        if (filter.KeyId is { } keyId)
        {
            Query.Where(u => u.KeyId == keyId);
        }

        if (filter.Model is { } model)
        {
            Query.Where(u => u.Model == model);
        }

        if (filter.From is { } from)
        {
            Query.Where(u => u.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            Query.Where(u => u.CreatedAt < to);
        }

        if (after is not null)
        {
            // Keyset paging, as the ledger: stable while calls keep arriving, an index range scan on (account_id, created_at).
            Query.Where(u => u.CreatedAt < after.CreatedAt
                || (u.CreatedAt == after.CreatedAt && string.Compare(u.Id, after.Id) < 0));
        }

        Query.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id);
        Query.Take(limit);
        Query.AsNoTracking();
    }
}
