using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;

namespace OmniaKey.Modules.Keys.Application.ApiKeys;

/// <summary>
/// Spend and last use of keys, from billing's usage records (no write per call on the hot path). A query, never sent
/// from inside a command: billing waits for this instance's queued settlements first, which needs the write lock.
/// </summary>
internal static class KeyUsageReader
{
    public static async Task<IReadOnlyDictionary<Guid, KeyUsage>> ReadAsync(
        IDispatcher dispatcher, Guid accountId, IReadOnlyList<Guid> keyIds, CancellationToken cancellationToken)
    {
        if (keyIds.Count == 0)
        {
            return new Dictionary<Guid, KeyUsage>();
        }

        var usage = await dispatcher.Query(new GetKeyUsageQuery(accountId, keyIds), cancellationToken);
        return usage.ToDictionary(u => u.KeyId, u => new KeyUsage(u.SpendUsd, u.LastUsedAt));
    }

    /// <summary>The current period's spend of each budgeted key, as its budget counts it ("0" when none yet).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ReadPeriodSpendAsync(
        IDispatcher dispatcher, Guid accountId, IReadOnlyList<ApiKey> keys, CancellationToken cancellationToken)
    {
        var budgeted = keys
            .Where(k => k.SpendLimitNanoUsd is not null)
            .Select(k => new KeyBudgetOfKey(k.Id, k.SpendLimitPeriod switch
            {
                KeySpendPeriods.Day => KeyBudgetPeriod.Day,
                KeySpendPeriods.Month => KeyBudgetPeriod.Month,
                _ => KeyBudgetPeriod.Total,
            }))
            .ToList();
        if (budgeted.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        var spend = await dispatcher.Query(new GetKeyBudgetSpendQuery(accountId, budgeted), cancellationToken);
        var found = spend.ToDictionary(s => s.KeyId, s => s.SpentUsd);
        return budgeted.ToDictionary(b => b.KeyId, b => found.GetValueOrDefault(b.KeyId, "0"));
    }
}
