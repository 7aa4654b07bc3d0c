using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

internal sealed class KeyBudgetReader(BillingDbContext db) : IKeyBudgetReader
{
    public async Task<IReadOnlyList<KeyBudgetUsage>> ReadAsync(
        Guid accountId, IReadOnlyList<(Guid KeyId, string Period, DateTimeOffset PeriodStart)> rows, CancellationToken cancellationToken)
    {
        var keyIds = rows.Select(r => r.KeyId).Distinct().ToList();
        var starts = rows.Select(r => r.PeriodStart).Distinct().ToList(); // at most three: total, today, this month
        var candidates = await db.KeyBudgets.AsNoTracking()
            .Where(b => b.AccountId == accountId && keyIds.Contains(b.KeyId) && starts.Contains(b.PeriodStart))
            .ToListAsync(cancellationToken);
        return candidates.Where(b => rows.Contains((b.KeyId, b.Period, b.PeriodStart))).ToList();
    }
}
