using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Application.Balances.ListFundedAccounts;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

internal sealed class FundedAccounts(BillingDbContext db) : IFundedAccounts
{
    public async Task<IReadOnlyList<Guid>> ListAsync(Guid? after, int limit, CancellationToken cancellationToken)
    {
        var query = db.Balances.AsNoTracking().Where(b => b.AvailableNanoUsd > 0);
        if (after is { } cursor)
        {
            query = query.Where(b => b.AccountId.CompareTo(cursor) > 0);
        }

        return await query.OrderBy(b => b.AccountId).Select(b => b.AccountId).Take(limit).ToListAsync(cancellationToken);
    }
}
