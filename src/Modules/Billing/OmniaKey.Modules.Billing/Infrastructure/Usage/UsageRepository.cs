using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Usage;

internal sealed class UsageRepository(BillingDbContext db) : IUsageRepository
{
    public async Task<IReadOnlyList<UsageRecord>> ListAsync(
        Guid accountId,
        UsageFilter filter,
        UsagePosition? after,
        int limit,
        CancellationToken cancellationToken)
    {
        var records = db.UsageRecords.AsNoTracking().Where(u => u.AccountId == accountId);
        if (filter.KeyId is { } keyId)
        {
            records = records.Where(u => u.KeyId == keyId);
        }

        if (filter.Model is { } model)
        {
            records = records.Where(u => u.Model == model);
        }

        if (filter.From is { } from)
        {
            records = records.Where(u => u.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            records = records.Where(u => u.CreatedAt < to);
        }

        if (after is not null)
        {
            // Keyset paging, as the ledger: stable while calls keep arriving, an index range scan on (account_id, created_at).
            records = records.Where(u => u.CreatedAt < after.CreatedAt
                || (u.CreatedAt == after.CreatedAt && string.Compare(u.Id, after.Id) < 0));
        }

        return await records
            .OrderByDescending(u => u.CreatedAt)
            .ThenByDescending(u => u.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
