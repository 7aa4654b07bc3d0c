using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Contracts;

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
}
