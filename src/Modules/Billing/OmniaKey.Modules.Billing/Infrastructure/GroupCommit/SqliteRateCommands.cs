using Microsoft.Data.Sqlite;
using OmniaKey.Modules.Billing.Domain.Balances;
using static OmniaKey.Modules.Billing.Infrastructure.GroupCommit.SqliteBatchSql;

namespace OmniaKey.Modules.Billing.Infrastructure.GroupCommit;

/// <summary>
/// The rate counts of a SQLite batch (docs/adr/0041-exact-key-limits-through-the-group-commit.md), prepared only by
/// batches with a rate-limited key: the key's reservations of the last minute (requests, and tokens by their
/// <c>rate_tokens</c>) and still held (calls in flight). The batch holds SQLite's one write lock, so the counts
/// cannot change before it commits.
/// </summary>
internal sealed class SqliteRateCommands(SqliteConnection connection, DateTimeOffset now, DateTimeOffset windowStart) : IAsyncDisposable
{
    private readonly SqliteCommand counts = Command(connection, """
        SELECT
            (SELECT COUNT(*) FROM billing_reservations WHERE key_id = $key AND created_at > $window),
            (SELECT COALESCE(SUM(rate_tokens), 0) FROM billing_reservations WHERE key_id = $key AND created_at > $window),
            (SELECT COUNT(*) FROM billing_reservations WHERE key_id = $key AND status = 'Held' AND expires_at > $now)
        """, "$key", "$window", "$now");

    /// <summary>
    /// Admits the account's calls of rate-limited keys in queue order while each key's counts, plus the calls admitted
    /// before, stay within its limits; returns the ids refused. A refused call still counts against the calls after it
    /// in the batch, so a batch never admits more than the limits, at worst a little less.
    /// </summary>
    public async Task<HashSet<string>> RefusedAsync(IEnumerable<Reservation> calls, IReadOnlyDictionary<Guid, KeyRates> rates, CancellationToken cancellationToken)
    {
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in calls.Where(c => rates.ContainsKey(c.KeyId)).GroupBy(c => c.KeyId))
        {
            var limits = rates[key.Key];
            var (requests, tokens, inFlight) = await CountAsync(key.Key, cancellationToken);
            foreach (var call in key)
            {
                requests++;
                inFlight++;
                tokens += call.RateTokens ?? 0;
                if (requests > limits.RequestsPerMinute || tokens > limits.TokensPerMinute || inFlight > limits.MaxConcurrentRequests)
                {
                    refused.Add(call.Id);
                }
            }
        }

        return refused;
    }

    public ValueTask DisposeAsync() => counts.DisposeAsync();

    private async Task<(long Requests, long Tokens, long InFlight)> CountAsync(Guid keyId, CancellationToken cancellationToken)
    {
        counts.Parameters[0].Value = Text(keyId);
        counts.Parameters[1].Value = Time(windowStart);
        counts.Parameters[2].Value = Time(now);
        await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
