using System.Globalization;
using Npgsql;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Reads one account's balance row straight from PostgreSQL, over and over, while concurrent calls run, so that a
/// concurrency test can assert the balance never went below zero at any moment, not only at the end.
/// </summary>
internal static class PostgresBalanceWatch
{
    /// <summary>Polls until <paramref name="done"/> is cancelled; returns the lowest available and reserved seen.</summary>
    public static async Task<(long Available, long Reserved)> LowestAsync(string connectionString, Guid accountId, CancellationToken done)
    {
        (long Available, long Reserved) lowest = (long.MaxValue, long.MaxValue);
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT available_nano_usd, reserved_nano_usd FROM billing.balances WHERE account_id = @id", db);
        command.Parameters.AddWithValue("id", accountId);
        while (!done.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                if (await reader.ReadAsync(CancellationToken.None))
                {
                    lowest = (Math.Min(lowest.Available, reader.GetInt64(0)), Math.Min(lowest.Reserved, reader.GetInt64(1)));
                }
            }

            await Task.Delay(5, CancellationToken.None);
        }

        return lowest;
    }

    /// <summary>One number from a SQL query (a count or a sum).</summary>
    public static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
