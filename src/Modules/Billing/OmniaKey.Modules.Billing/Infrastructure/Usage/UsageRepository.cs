using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Usage;

internal sealed class UsageRepository(BillingDbContext db) : IUsageRepository
{
    public async Task<IReadOnlyList<UsageRecord>> ListAsync(
        Guid accountId,
        UsageFilter filter,
        UsagePosition? after,
        int limit,
        CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.UsageRecords, new UsagePageSpec(accountId, filter, after, limit)).ToListAsync(cancellationToken);
}
