using Npgsql;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Leases;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// PostgreSQL: each batch is one <see cref="NpgsqlBatch"/> — one round trip — whose statements run in one implicit
/// transaction (they share one Sync message), so the batch commits or rolls back as a whole. The first statement
/// locks the batch's balance rows in account-id order, so batches of two instances cannot deadlock on them; the
/// second applies every operation set-based over <c>unnest</c>ed arrays. The SQL text never changes with the batch
/// size, and the statements are prepared: Npgsql keeps them prepared per physical connection across pooling.
/// It owns <paramref name="dataSource"/>, the batches' own pool, and closes it when the host disposes it.
/// </summary>
internal sealed class PostgresBatchSql(NpgsqlDataSource dataSource) : IBillingBatchSql, ILeaseBatchSql, IAsyncDisposable, IDisposable
{
    private const string LockBalances =
        "SELECT account_id FROM billing.balances WHERE account_id = ANY($1) ORDER BY account_id FOR UPDATE";

    public int MaxOperations(BatchKind kind) => int.MaxValue;

    /// <summary>
    /// Opens the pool's first connection and sends the balance lock over no account, with parameters of every array
    /// type the batches bind: the first call's batch finds a connection, the lock prepared on it, and Npgsql's
    /// converters for those types resolved. Nothing is locked or written.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(LockBalances, Array.Empty<Guid>()));
        batch.BatchCommands.Add(Command("SELECT cardinality($1) + cardinality($2), $3", Array.Empty<long>(), Array.Empty<string>(), DateTimeOffset.UnixEpoch));
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    public async Task<ReserveOutcome> ReserveAsync(IReadOnlyList<Reservation> reservations, BatchKeyLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (limits.IsEmpty)
        {
            batch.BatchCommands.Add(Command(LockBalances, SortedAccounts(reservations.Select(r => r.AccountId))));
            batch.BatchCommands.Add(Command(
                PostgresStatements.Reserve,
                reservations.Select(r => r.Id).ToArray(),
                reservations.Select(r => r.AccountId).ToArray(),
                reservations.Select(r => r.KeyId).ToArray(),
                reservations.Select(r => r.Amount.NanoUsd).ToArray(),
                reservations.Select(r => r.Model).ToArray(),
                reservations.Select(r => r.Provider).ToArray(),
                reservations[0].CreatedAt,
                reservations[0].ExpiresAt));
            await batch.PrepareAsync(cancellationToken);

            var debited = new HashSet<Guid>();
            await using var plain = await batch.ExecuteReaderAsync(cancellationToken);
            await plain.NextResultAsync(cancellationToken); // the lock's result comes first
            while (await plain.ReadAsync(cancellationToken))
            {
                debited.Add(plain.GetGuid(0));
            }

            return ReserveOutcome.Of(debited);
        }

        AddReserveWithKeyLimits(batch, reservations, limits);
        await batch.PrepareAsync(cancellationToken);
        var accounts = new HashSet<Guid>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount != 3 && await reader.NextResultAsync(cancellationToken))
        {
            // the lock statements' results come first; the deciding statement's is the only one with three columns
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) == "refused")
            {
                refused.Add(reader.GetString(1));
            }
            else
            {
                accounts.Add(Guid.Parse(reader.GetString(1)));
            }
        }

        return new ReserveOutcome(accounts, refused);
    }

    /// <summary>
    /// A batch with key limits: lock the balances, create the missing budget rows, lock the budget rows (balance before
    /// budget, the order every path takes, docs/adr/0033-key-budgets.md), then decide and reserve in one statement.
    /// </summary>
    private static void AddReserveWithKeyLimits(NpgsqlBatch batch, IReadOnlyList<Reservation> reservations, BatchKeyLimits limits)
    {
        var rows = limits.Budgets.Keys.OrderBy(r => r.KeyId).ThenBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.PeriodStart).ToList();
        var accountOfKey = reservations.GroupBy(r => r.KeyId).ToDictionary(g => g.Key, g => g.First().AccountId);
        var rates = reservations.Select(r => limits.Rates.GetValueOrDefault(r.KeyId)).ToList();
        var created = reservations[0].CreatedAt;
        batch.BatchCommands.Add(Command(LockBalances, SortedAccounts(reservations.Select(r => r.AccountId))));
        batch.BatchCommands.Add(Command(
            PostgresStatements.EnsureBudgets,
            rows.Select(r => r.KeyId).ToArray(),
            rows.Select(r => r.Period).ToArray(),
            rows.Select(r => r.PeriodStart).ToArray(),
            rows.Select(r => accountOfKey[r.KeyId]).ToArray()));
        batch.BatchCommands.Add(Command(
            PostgresStatements.LockBudgets,
            rows.Select(r => r.KeyId).ToArray(),
            rows.Select(r => r.Period).ToArray(),
            rows.Select(r => r.PeriodStart).ToArray()));
        batch.BatchCommands.Add(Command(
            PostgresStatements.ReserveWithKeyLimits,
            reservations.Select(r => r.Id).ToArray(),
            reservations.Select(r => r.AccountId).ToArray(),
            reservations.Select(r => r.KeyId).ToArray(),
            reservations.Select(r => r.Amount.NanoUsd).ToArray(),
            reservations.Select(r => r.Model).ToArray(),
            reservations.Select(r => r.Provider).ToArray(),
            reservations.Select(r => r.BudgetPeriod).ToArray(),
            reservations.Select(r => r.BudgetPeriodStart).ToArray(),
            reservations.Select(r => r.RateTokens).ToArray(),
            rates.Select(r => r?.RequestsPerMinute).ToArray(),
            rates.Select(r => r?.TokensPerMinute).ToArray(),
            rates.Select(r => r?.MaxConcurrentRequests).ToArray(),
            created,
            reservations[0].ExpiresAt,
            rows.Select(r => r.KeyId).ToArray(),
            rows.Select(r => r.Period).ToArray(),
            rows.Select(r => r.PeriodStart).ToArray(),
            rows.Select(r => limits.Budgets[r]).ToArray(),
            created - KeyRateLimit.Window));
    }

    public async Task<IReadOnlySet<string>> SettleAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = SettlementParameters(settlements, now);
        var budgets = settlements.Any(s => s.HasKeyLimits);
        if (budgets)
        {
            parameters.Add(settlements.Select(s => s.Budget?.KeyId).ToArray());
            parameters.Add(settlements.Select(s => s.Budget?.Period).ToArray());
            parameters.Add(settlements.Select(s => s.Budget?.PeriodStart).ToArray());
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(LockBalances, SortedAccounts(settlements.Select(s => s.Usage.AccountId))));
        batch.BatchCommands.Add(Command(budgets ? PostgresStatements.SettleWithKeyLimits : PostgresStatements.Settle, [.. parameters]));
        await batch.PrepareAsync(cancellationToken);
        return await ReadIdsAsync(batch, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> SettleFromLeasesAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = SettlementParameters(settlements, now);
        parameters.Add(settlements.Select(s => s.LeaseId!).ToArray());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(LockBalances, SortedAccounts(settlements.Select(s => s.Usage.AccountId))));
        batch.BatchCommands.Add(Command(PostgresStatements.SettleFromLeases, [.. parameters]));
        await batch.PrepareAsync(cancellationToken);
        return await ReadIdsAsync(batch, cancellationToken);
    }

    /// <summary>The parameters every settlement statement starts with: holds, ledger entries, now, the usage columns.</summary>
    private static List<object?> SettlementParameters(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now)
    {
        var parameters = new List<object?>
        {
            settlements.Select(s => s.Held).ToArray(),
            settlements.Select(s => s.Charge?.Id).ToArray(),
            settlements.Select(s => s.Charge?.Description).ToArray(),
            now,
        };
        parameters.AddRange(UsageArrays(settlements.Select(s => s.Usage).ToList()));
        return parameters;
    }

    public async Task<IReadOnlySet<string>> RecordProgressAsync(IReadOnlyList<UsageRecord> progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(PostgresStatements.Progress, [.. UsageArrays(progress)]));
        await batch.PrepareAsync(cancellationToken);
        return await ReadIdsAsync(batch, cancellationToken, skipFirstResult: false);
    }

    private static async Task<IReadOnlySet<string>> ReadIdsAsync(NpgsqlBatch batch, CancellationToken cancellationToken, bool skipFirstResult = true)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (skipFirstResult)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>One array per usage column, in <see cref="UsageColumns.All"/> order, typed for Npgsql.</summary>
    private static IEnumerable<object?> UsageArrays(IReadOnlyList<UsageRecord> records) =>
        UsageColumns.All.Select(column => column.Name switch
        {
            "latency_ms" => (object)records.Select(r => r.LatencyMs).ToArray(),
            "created_at" => records.Select(r => r.CreatedAt).ToArray(),
            "promotion_id" => records.Select(r => r.PromotionId).ToArray(),
            _ when column.PostgresType == "uuid" => records.Select(r => (Guid)column.Read(r)!).ToArray(),
            _ when column.PostgresType == "bigint" => records.Select(r => (long)column.Read(r)!).ToArray(),
            _ => records.Select(r => (string?)column.Read(r)).ToArray(),
        });

    private static Guid[] SortedAccounts(IEnumerable<Guid> accounts)
    {
        var sorted = accounts.Distinct().ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
