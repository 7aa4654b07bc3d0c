using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Ledger;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Ledger;

internal sealed class LedgerRepository(BillingDbContext db) : ILedgerRepository
{
    public async Task<IReadOnlyList<LedgerEntry>> ListAsync(Guid accountId, LedgerPosition? after, int limit, CancellationToken cancellationToken) =>
        await SpecificationEvaluator.Apply(db.LedgerEntries, new LedgerPageSpec(accountId, after, limit)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<LedgerTotals>> TotalsAsync(Guid? accountId, CancellationToken cancellationToken)
    {
        var sums = await LedgerSumsAsync(accountId, cancellationToken);
        var balances = await db.Balances.AsNoTracking()
            .Where(b => accountId == null || b.AccountId == accountId)
            .ToDictionaryAsync(b => b.AccountId, cancellationToken);
        return sums.Keys.Union(balances.Keys)
            .Order()
            .Select(id => new LedgerTotals(
                id,
                Money.FromNanoUsd(sums.GetValueOrDefault(id)),
                balances.TryGetValue(id, out var balance) ? balance.Available : Money.Zero,
                balance?.Reserved ?? Money.Zero))
            .ToList();
    }

    /// <summary>
    /// Sums in the database, one row per account. Raw SQL because the amount column maps to <see cref="Money"/>,
    /// which LINQ cannot sum; the table name comes from the model so each provider's naming (schema or prefix) holds.
    /// </summary>
    private async Task<Dictionary<Guid, long>> LedgerSumsAsync(Guid? accountId, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(LedgerEntry)) ?? throw new InvalidOperationException("LedgerEntry is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var account = entity.FindProperty(nameof(LedgerEntry.AccountId))!.GetColumnName(table);
        var amount = entity.FindProperty(nameof(LedgerEntry.Amount))!.GetColumnName(table);
        var from = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var where = accountId is null ? string.Empty : $" WHERE \"{account}\" = {{0}}";
        var sql = $"SELECT \"{account}\" AS \"AccountId\", CAST(SUM(\"{amount}\") AS BIGINT) AS \"NanoUsd\" FROM {from}{where} GROUP BY \"{account}\"";
        object[] parameters = accountId is null ? [] : [accountId.Value];
        var rows = await db.Database.SqlQueryRaw<LedgerSumRow>(sql, parameters).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.AccountId, r => r.NanoUsd);
    }

    private sealed class LedgerSumRow
    {
        public Guid AccountId { get; set; }

        public long NanoUsd { get; set; }
    }
}
