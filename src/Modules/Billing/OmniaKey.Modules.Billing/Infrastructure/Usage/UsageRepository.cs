using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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

    public async Task<IReadOnlyList<KeyUsageTotal>> KeyTotalsAsync(Guid accountId, IReadOnlyList<Guid> keyIds, CancellationToken cancellationToken)
    {
        var ids = keyIds.ToList();
        var latest = await db.UsageRecords.AsNoTracking()
            .Where(u => u.AccountId == accountId && ids.Contains(u.KeyId))
            .GroupBy(u => u.KeyId)
            .Select(g => new { KeyId = g.Key, LastUsedAt = g.Max(u => u.CreatedAt) })
            .ToListAsync(cancellationToken);
        if (latest.Count == 0)
        {
            return [];
        }

        var charged = await ChargedByKeyAsync(accountId, latest.ConvertAll(l => l.KeyId), cancellationToken);
        return latest.ConvertAll(l => new KeyUsageTotal(l.KeyId, charged.GetValueOrDefault(l.KeyId), l.LastUsedAt));
    }

    public async Task<IReadOnlyList<PeriodSpend>> SpendPerPeriodAsync(
        Guid accountId,
        IReadOnlyList<DateTimeOffset> boundaries,
        CancellationToken cancellationToken)
    {
        if (boundaries.Count < 2)
        {
            return [];
        }

        object[] parameters = [accountId, .. boundaries.Select(b => SpendPerPeriodSql.ToStoreValue(db.Model, b))];
        var rows = await db.Database.SqlQueryRaw<PeriodSumRow>(SpendPerPeriodSql.Build(db.Model, boundaries.Count - 1), parameters)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new PeriodSpend(r.Period, r.NanoUsd, r.Calls));
    }

    private async Task<Dictionary<Guid, long>> ChargedByKeyAsync(Guid accountId, List<Guid> keyIds, CancellationToken cancellationToken)
    {
        object[] parameters = [accountId, .. keyIds.Cast<object>()];
        var rows = await db.Database.SqlQueryRaw<KeySumRow>(ChargedByKeySql(db.Model, keyIds.Count), parameters).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.KeyId, r => r.NanoUsd);
    }

    /// <summary>
    /// Sums in the database, one row per key: parameter {0} is the account, {1}… the keys. Raw SQL because the amount
    /// column maps to Money, which LINQ cannot sum; the names come from the model so each provider's naming (schema or
    /// prefix) holds, as the ledger's sums do. The SQL Server form is parsed in a test.
    /// </summary>
    internal static string ChargedByKeySql(IModel model, int keyCount)
    {
        var entity = model.FindEntityType(typeof(UsageRecord)) ?? throw new InvalidOperationException("UsageRecord is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var from = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var keyParameters = string.Join(", ", Enumerable.Range(1, keyCount).Select(i => $"{{{i}}}"));
        var key = Column(nameof(UsageRecord.KeyId));
        return $"SELECT \"{key}\" AS \"KeyId\", CAST(SUM(\"{Column(nameof(UsageRecord.Charged))}\") AS BIGINT) AS \"NanoUsd\" "
            + $"FROM {from} WHERE \"{Column(nameof(UsageRecord.AccountId))}\" = {{0}} AND \"{key}\" IN ({keyParameters}) "
            + $"GROUP BY \"{key}\"";
    }

    private sealed class KeySumRow
    {
        public Guid KeyId { get; set; }

        public long NanoUsd { get; set; }
    }

    private sealed class PeriodSumRow
    {
        public int Period { get; set; }

        public long NanoUsd { get; set; }

        public long Calls { get; set; }
    }
}
