using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Balances;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// SQLite: the database is in-process, so a round trip costs nothing and the batch is one write transaction
/// (<c>BEGIN IMMEDIATE</c>, Microsoft.Data.Sqlite's default) with one commit, running one prepared command per
/// statement and binding it once per row. Values are stored as EF Core stores them on SQLite: GUIDs as upper-case
/// text, times as <see cref="DateTimeOffsetToBinaryConverter"/> integers, enums as their names, booleans as 0/1.
/// </summary>
internal sealed class SqliteBatchSql(string connectionString) : IBillingBatchSql, IDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter Times = new();
    private readonly SemaphoreSlim writers = new(1, 1);

    public int MaxOperations(BatchKind kind) => int.MaxValue;

    public void Dispose() => writers.Dispose();

    public async Task<ReserveOutcome> ReserveAsync(IReadOnlyList<Reservation> reservations, BatchKeyLimits limits, CancellationToken cancellationToken)
    {
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var debit = Command(connection, """
            UPDATE billing_balances
            SET available_nano_usd = available_nano_usd - $total, reserved_nano_usd = reserved_nano_usd + $total
            WHERE account_id = $account AND available_nano_usd >= $total
            """, "$total", "$account");
        await using var hold = Command(connection, """
            INSERT INTO billing_reservations
                (id, account_id, key_id, amount_nano_usd, status, created_at, expires_at, model, provider, progress_recorded,
                 budget_period, budget_period_start, rate_tokens)
            VALUES ($id, $account, $key, $amount, 'Held', $created, $expires, $model, $provider, 0, $period, $start, $tokens)
            """, "$id", "$account", "$key", "$amount", "$created", "$expires", "$model", "$provider", "$period", "$start", "$tokens");
        await using var budgets = limits.Budgets.Count == 0 ? null : new SqliteBudgetCommands(connection);
        var created = reservations[0].CreatedAt;
        await using var rates = limits.Rates.Count == 0 ? null : new SqliteRateCommands(connection, created, created - Contracts.KeyRateLimit.Window);

        var debited = new HashSet<Guid>();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in reservations.GroupBy(r => r.AccountId).OrderBy(g => g.Key))
        {
            var calls = account.ToList();
            if (rates is not null)
            {
                var over = await rates.RefusedAsync(calls, limits.Rates, cancellationToken);
                refused.UnionWith(over);
                calls.RemoveAll(c => over.Contains(c.Id));
            }

            var rows = BudgetTotals(calls);
            if (calls.Count == 0 || (budgets is not null && !await budgets.AllFitAsync(rows, account.Key, limits.Budgets, cancellationToken)))
            {
                continue; // one of the account's budgets is short: nothing of it is touched, its calls go one by one
            }

            if (await ExecuteAsync(debit, cancellationToken, calls.Sum(r => r.Amount.NanoUsd), Text(account.Key)) != 1)
            {
                continue;
            }

            if (budgets is not null)
            {
                await budgets.ReserveAsync(rows, limits.Budgets, cancellationToken);
            }

            debited.Add(account.Key);
            foreach (var r in calls)
            {
                await ExecuteAsync(
                    hold,
                    cancellationToken,
                    r.Id,
                    Text(r.AccountId),
                    Text(r.KeyId),
                    r.Amount.NanoUsd,
                    Time(r.CreatedAt),
                    Time(r.ExpiresAt),
                    r.Model,
                    r.Provider,
                    r.BudgetPeriod,
                    r.BudgetPeriodStart is { } start ? Time(start) : null,
                    r.RateTokens);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ReserveOutcome(debited, refused);
    }

    public async Task<IReadOnlySet<string>> SettleAsync(IReadOnlyList<SettlementRow> settlements, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var close = Command(connection, """
            UPDATE billing_reservations SET status = 'Settled', closed_at = $now,
                rate_tokens = CASE WHEN rate_tokens IS NULL THEN NULL ELSE $tokens END
            WHERE id = $id AND account_id = $account AND amount_nano_usd = $held AND status = 'Held'
              AND budget_period IS $period AND budget_period_start IS $start AND ($period IS NULL OR key_id = $key)
            """, "$now", "$id", "$account", "$held", "$period", "$start", "$key", "$tokens");
        await using var move = Command(connection, """
            UPDATE billing_balances
            SET available_nano_usd = available_nano_usd + $held - $cost, reserved_nano_usd = reserved_nano_usd - $held
            WHERE account_id = $account AND reserved_nano_usd >= $held AND available_nano_usd + $held - $cost >= 0
            """, "$held", "$cost", "$account");
        await using var charge = Command(connection, """
            INSERT INTO billing_ledger_entries (id, account_id, type, amount_nano_usd, description, reference, created_at)
            VALUES ($id, $account, 'Usage', $amount, $description, $reference, $now)
            """, "$id", "$account", "$amount", "$description", "$reference", "$now");
        await using var record = UsageUpsert(connection);
        await using var budgets = settlements.Any(s => s.Budget is not null) ? new SqliteBudgetCommands(connection) : null;

        var closed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in settlements)
        {
            var usage = s.Usage;
            var budget = s.Budget;
            if (await ExecuteAsync(
                close,
                cancellationToken,
                Time(now),
                usage.Id,
                Text(usage.AccountId),
                s.Held,
                budget?.Period,
                budget is { } b ? Time(b.PeriodStart) : null,
                budget is { } k ? Text(k.KeyId) : null,
                usage.InputTokens + usage.OutputTokens) != 1)
            {
                continue;
            }

            if (budget is { } row)
            {
                await budgets!.SettleAsync(row, s.Held, usage.Cost.NanoUsd, cancellationToken);
            }

            if (await ExecuteAsync(move, cancellationToken, s.Held, usage.Cost.NanoUsd, Text(usage.AccountId)) != 1)
            {
                throw new InvalidOperationException($"Settling {usage.Id} would have taken account {usage.AccountId}'s balance below zero.");
            }

            if (s.Charge is { } entry)
            {
                await ExecuteAsync(
                    charge, cancellationToken, Text(entry.Id), Text(entry.AccountId), entry.Amount.NanoUsd, entry.Description, entry.Reference, Time(entry.CreatedAt));
            }

            await ExecuteAsync(record, cancellationToken, UsageValues(usage));
            closed.Add(usage.Id);
        }

        await transaction.CommitAsync(cancellationToken);
        return closed;
    }

    public async Task<IReadOnlySet<string>> RecordProgressAsync(IReadOnlyList<UsageRecord> progress, CancellationToken cancellationToken)
    {
        await using var writer = await OpenWriterAsync(cancellationToken);
        var connection = writer.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var mark = Command(
            connection, "UPDATE billing_reservations SET progress_recorded = 1 WHERE id = $id AND status = 'Held'", "$id");
        await using var record = UsageUpsert(connection);

        var marked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var usage in progress)
        {
            if (await ExecuteAsync(mark, cancellationToken, usage.Id) == 1)
            {
                await ExecuteAsync(record, cancellationToken, UsageValues(usage));
                marked.Add(usage.Id);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return marked;
    }

    /// <summary>Each budget row the account's reservations use, with their total.</summary>
    private static List<(BudgetRow Row, long Total)> BudgetTotals(IEnumerable<Reservation> account) =>
        account
            .Where(r => r.BudgetPeriod is not null)
            .GroupBy(r => new BudgetRow(r.KeyId, r.BudgetPeriod!, r.BudgetPeriodStart!.Value))
            .Select(g => (g.Key, g.Sum(r => r.Amount.NanoUsd)))
            .ToList();

    private static SqliteCommand UsageUpsert(SqliteConnection connection)
    {
        var names = UsageColumns.All.Select(c => "$" + c.Name).ToArray();
        return Command(connection, $"""
            INSERT INTO billing_usage_records ({UsageColumns.List()}) VALUES ({string.Join(", ", names)})
            ON CONFLICT (id) DO UPDATE SET {UsageColumns.Assignments(string.Empty, "excluded")}
            WHERE billing_usage_records.status = 'in_progress'
            """, names);
    }

    private static object?[] UsageValues(UsageRecord usage) =>
        UsageColumns.All.Select(c => c.Read(usage) switch
        {
            Guid id => Text(id),
            DateTimeOffset time => Time(time),
            var value => value,
        }).ToArray();

    /// <summary>
    /// SQLite has one writer at a time. The three batch kinds each have their own flush loop, so without this gate
    /// their <c>BEGIN IMMEDIATE</c>s would collide, and Microsoft.Data.Sqlite answers a busy database by sleeping
    /// and retrying (measured: 150 ms steps, p50 153 ms at 16 connections). Waiting here in turn costs nothing.
    /// </summary>
    private async Task<SqliteWriter> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await writers.WaitAsync(cancellationToken);
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new SqliteWriter(connection, writers);
        }
        catch
        {
            await connection.DisposeAsync();
            writers.Release();
            throw;
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    /// <summary>Binds <paramref name="values"/> in order and runs the command (prepared on its first run, reused after).</summary>
    internal static Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string Text(Guid id) => id.ToString().ToUpperInvariant();

    internal static long Time(DateTimeOffset time) => (long)Times.ConvertToProvider(time)!;
}

/// <summary>The batch's connection, holding the in-process writer gate until it is disposed.</summary>
internal sealed class SqliteWriter(SqliteConnection connection, SemaphoreSlim gate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        gate.Release();
    }
}
