using Microsoft.Data.Sqlite;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using static OmniaKey.Modules.Billing.Infrastructure.GroupCommit.SqliteBatchSql;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The key-budget statements of a SQLite batch, prepared only by batches that have a budgeted call. SQLite has one
/// writer and the batch holds it (<c>BEGIN IMMEDIATE</c>), so reading a row and then updating it in the same
/// transaction is exact; the updates still carry their conditions, and a row that does not move fails the batch.
/// </summary>
internal sealed class SqliteBudgetCommands(SqliteConnection connection) : IAsyncDisposable
{
    private readonly SqliteCommand ensure = Command(connection, """
        INSERT INTO billing_key_budgets (key_id, period, period_start, account_id, spent_nano_usd, reserved_nano_usd)
        VALUES ($key, $period, $start, $account, 0, 0)
        ON CONFLICT DO NOTHING
        """, "$key", "$period", "$start", "$account");

    private readonly SqliteCommand room = Command(connection, """
        SELECT COUNT(*) FROM billing_key_budgets
        WHERE key_id = $key AND period = $period AND period_start = $start AND spent_nano_usd + reserved_nano_usd + $total <= $limit
        """, "$key", "$period", "$start", "$total", "$limit");

    private readonly SqliteCommand reserve = Command(connection, """
        UPDATE billing_key_budgets SET reserved_nano_usd = reserved_nano_usd + $total
        WHERE key_id = $key AND period = $period AND period_start = $start AND spent_nano_usd + reserved_nano_usd + $total <= $limit
        """, "$total", "$key", "$period", "$start", "$limit");

    private readonly SqliteCommand settle = Command(connection, """
        UPDATE billing_key_budgets
        SET reserved_nano_usd = reserved_nano_usd - $held, spent_nano_usd = spent_nano_usd + $cost
        WHERE key_id = $key AND period = $period AND period_start = $start AND reserved_nano_usd >= $held
        """, "$held", "$cost", "$key", "$period", "$start");

    /// <summary>Creates the account's missing budget rows and tells whether every one covers its total in the batch.</summary>
    public async Task<bool> AllFitAsync(
        IReadOnlyList<(BudgetRow Row, long Total)> rows, Guid accountId, IReadOnlyDictionary<BudgetRow, long> limits, CancellationToken cancellationToken)
    {
        foreach (var (row, total) in rows)
        {
            await ExecuteAsync(ensure, cancellationToken, Text(row.KeyId), row.Period, Time(row.PeriodStart), Text(accountId));
            room.Parameters[0].Value = Text(row.KeyId);
            room.Parameters[1].Value = row.Period;
            room.Parameters[2].Value = Time(row.PeriodStart);
            room.Parameters[3].Value = total;
            room.Parameters[4].Value = limits[row];
            if (Convert.ToInt64(await room.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reserves each row's total; every row was just found to have room, so each must move.</summary>
    public async Task ReserveAsync(IReadOnlyList<(BudgetRow Row, long Total)> rows, IReadOnlyDictionary<BudgetRow, long> limits, CancellationToken cancellationToken)
    {
        foreach (var (row, total) in rows)
        {
            if (await ExecuteAsync(reserve, cancellationToken, total, Text(row.KeyId), row.Period, Time(row.PeriodStart), limits[row]) != 1)
            {
                throw new InvalidOperationException($"Key {row.KeyId}'s budget for {row.Period} from {row.PeriodStart:O} changed inside its batch.");
            }
        }
    }

    /// <summary>Releases a hold from its budget row and charges the cost (at most the hold, so within the limit).</summary>
    public async Task SettleAsync(BudgetRow row, long held, long cost, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(settle, cancellationToken, held, cost, Text(row.KeyId), row.Period, Time(row.PeriodStart)) != 1)
        {
            throw new InvalidOperationException($"Key {row.KeyId}'s budget for {row.Period} from {row.PeriodStart:O} does not hold {held} nano-USD.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ensure.DisposeAsync();
        await room.DisposeAsync();
        await reserve.DisposeAsync();
        await settle.DisposeAsync();
    }
}
