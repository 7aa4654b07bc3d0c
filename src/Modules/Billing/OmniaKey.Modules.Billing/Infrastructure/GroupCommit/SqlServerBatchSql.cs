using System.Data.Common;
using Microsoft.Data.SqlClient;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// SQL Server: each batch is one command (one round trip) in one transaction, with <c>XACT_ABORT</c> so that any
/// error rolls all of it back. The script is parameterised; SQL Server caches its plan per batch size.
/// </summary>
internal sealed class SqlServerBatchSql(string connectionString) : IBillingBatchSql
{
    public int MaxOperations(BatchKind kind) => SqlServerStatements.MaxRows(kind switch
    {
        // Sized for the budgeted scripts, the wider ones, since a batch's kind of script is known only once it is taken.
        BatchKind.Reserve => SqlServerStatements.ReserveWithBudgetsColumns,
        BatchKind.Settle => SqlServerStatements.SettleWithBudgetsColumns,
        _ => SqlServerStatements.ProgressColumns,
    });

    /// <remarks>
    /// The accounts with a call of a rate-limited key are left out of the script, so they are not debited and their
    /// calls take the per-call path, which counts the key's reservations exactly (docs/adr/0041): correct on any
    /// number of instances, at the per-call path's speed for those keys only.
    /// </remarks>
    public async Task<ReserveOutcome> ReserveAsync(IReadOnlyList<Reservation> reservations, BatchKeyLimits limits, CancellationToken cancellationToken)
    {
        var rated = reservations.Where(r => limits.Rates.ContainsKey(r.KeyId)).Select(r => r.AccountId).ToHashSet();
        var batch = rated.Count == 0 ? reservations : reservations.Where(r => !rated.Contains(r.AccountId)).ToList();
        if (batch.Count == 0)
        {
            return ReserveOutcome.Of(new HashSet<Guid>());
        }

        var budgets = limits.Budgets.Count > 0;
        var values = batch.SelectMany(r => budgets
            ? new object?[]
            {
                r.Id, r.AccountId, r.KeyId, r.Amount.NanoUsd, r.Model, r.Provider, r.BudgetPeriod, r.BudgetPeriodStart,
                r.BudgetPeriod is null ? null : limits.Budgets[new BudgetRow(r.KeyId, r.BudgetPeriod, r.BudgetPeriodStart!.Value)],
            }
            : new object?[] { r.Id, r.AccountId, r.KeyId, r.Amount.NanoUsd, r.Model, r.Provider });
        var rows = await RunAsync(
            budgets ? SqlServerStatements.ReserveWithBudgets(batch.Count) : SqlServerStatements.Reserve(batch.Count),
            values,
            [("@created_at", batch[0].CreatedAt), ("@expires_at", batch[0].ExpiresAt)],
            reader => reader.GetGuid(0),
            cancellationToken);
        return ReserveOutcome.Of(rows.ToHashSet());
    }

    public async Task<IReadOnlySet<string>> SettleAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var usage = UsageColumns.All.Where(c => c.Name is not ("id" or "account_id" or "charged_nano_usd" or "created_at")).ToList();
        var budgets = settlements.Any(s => s.HasKeyLimits);
        var values = settlements.SelectMany(s =>
            new object?[] { s.Usage.Id, s.Usage.AccountId, s.Held, s.Charge?.Id, s.Charge?.Description }
                .Concat(usage.Select(c => c.Read(s.Usage)))
                .Concat(budgets ? [s.Budget?.KeyId, s.Budget?.Period, s.Budget?.PeriodStart] : []));
        var script = budgets ? SqlServerStatements.SettleWithKeyLimits(settlements.Count) : SqlServerStatements.Settle(settlements.Count);
        var closed = await RunAsync(script, values, [("@now", now)], reader => reader.GetString(0), cancellationToken);
        return closed.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlySet<string>> RecordProgressAsync(IReadOnlyList<UsageRecord> progress, CancellationToken cancellationToken)
    {
        var values = progress.SelectMany(p => UsageColumns.All.Select(c => c.Read(p)));
        var marked = await RunAsync(SqlServerStatements.Progress(progress.Count), values, [], reader => reader.GetString(0), cancellationToken);
        return marked.ToHashSet(StringComparer.Ordinal);
    }

    private async Task<List<T>> RunAsync<T>(
        string sql,
        IEnumerable<object?> values,
        (string Name, object Value)[] named,
        Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = (SqlTransaction)transaction;
        command.CommandText = sql;
        var index = 0;
        foreach (var value in values)
        {
            command.Parameters.AddWithValue("@p" + index++, value ?? DBNull.Value);
        }

        foreach (var (name, value) in named)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var results = new List<T>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }
}
